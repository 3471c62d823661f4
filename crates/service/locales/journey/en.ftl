# The applicant's journey: what happens next at each stage, and the card when it is ready.
next-title = What happens next
next-submitted = An officer of { $office } checks your application and sends it to the police and the National Security Committee for their checks, by { $date }.
next-checks-pending = The police and the National Security Committee answer by { $date }. You do not need to do anything.
next-awaiting-iin = The officer records your individual identification number (IIN). You do not need to do anything.
next-iin-recorded = The officer decides on your application by { $date }.
next-grant-pending = A supervisor confirms the decision. You do not need to do anything.
next-corrections-requested = Correct the items marked below and send your application again. The officers' time is counted again once you do.
next-refused = Your application was refused. The decision in your inbox says why, and how, to whom and by when you can appeal.
next-no-date = The officer has no deadline at this stage.
next-working-days = Deadlines count working days of the calendar of the Republic of Kazakhstan.
card-ready-title = Your card is ready
card-ready-body = Your "Ata Zholy" card has been issued. You can show it on your phone or print it.
card-ready-use = Anyone (an employer, a hospital, a school, a border guard) can check it by scanning its QR code or by typing its number on this site.
card-ready-arrival = On entering Kazakhstan, a card holder receives a residence permit for 10 years (the 2023 brochure of the Ministry of Foreign Affairs and the Otandastar Foundation).
card-ready-link = See and print my card
app-col-handled-by = Handled by
app-col-iin = Individual identification number (IIN)
