# Hearings before an intended refusal (APPC Art. 73) and complaints (APPC Art. 91-93).
app-role-appeals = appeals officer (higher body)
desk-office-ministry = Ministry of Labour and Social Protection of the Population (higher body for complaints)
hearing-mode-online = online, by video call
hearing-mode-in-person = in person, at the office
app-event-hearing-booked = Hearing booked
app-event-hearing-rescheduled = Hearing moved
app-event-hearing-recorded = Hearing recorded
app-event-complaint-lodged = Complaint lodged
app-event-complaint-revise = Decision revised on the complaint
app-event-complaint-forward = Complaint forwarded to the higher body
app-event-complaint-uphold = Complaint rejected: the decision stands
app-event-complaint-overturn = Complaint upheld: the decision is overturned
app-event-reinstate = Card valid again

notice-hearing-booked-subject = Your application { $reference }: hearing booked
notice-hearing-booked-body = Hello,

    Your hearing on the intended refusal of application { $reference } is booked for { $when }, { $mode }. No decision will be taken before the officer has heard you and recorded the hearing. You may move it once, for a reason, in your account.

    { $link }

    Ata Zholy card service
notice-hearing-rescheduled-subject = Your application { $reference }: hearing moved
notice-hearing-rescheduled-body = Hello,

    Your hearing on application { $reference } now takes place on { $when }, { $mode }. It cannot be moved again.

    { $link }

    Ata Zholy card service

err-hearing-booked = A hearing is already booked for this intended refusal: you can move it once instead
err-hearing-window-closed = The time to ask for a hearing has passed
err-hearing-not-open = There is no intended refusal to be heard on
err-hearing-none = No hearing was asked for
err-hearing-held = The hearing has already taken place
err-hearing-rescheduled-once = The hearing was moved once already and cannot be moved again
err-hearing-recorded = The hearing is already recorded
err-hearing-not-yet = The hearing has not taken place yet
err-slot-unavailable = Choose one of the times offered
err-slot-taken = That time was just taken by someone else: choose another
err-mode-required = Choose whether you will be heard online or in person
err-countersign-hearing-pending = The applicant asked to be heard: record the hearing before the refusal is decided
err-complaint-open = A complaint about this application is already being considered
err-complaint-granted = The card was granted: there is no refusal to complain about
err-complaint-not-submitted = The application was not submitted: there is no decision to complain about
err-complaint-not-overdue = No decision or deadline of the office can be complained about now
err-complaint-too-late = The time to complain about this decision has passed
err-complaint-none = There is no complaint being considered on this case
err-complaint-not-here = The complaint is not at your office at this stage
err-complaint-wrong-state = The complaint is not at a stage where this can be done
err-request-required = Choose what you ask for
err-grounds-required = Say why you think the decision is wrong (at most 8000 characters)
err-contact-required = Give your name, address and how to reach you
err-confirm-required = Confirm and sign the complaint
err-attended-required = Say whether the applicant came to the hearing
err-minutes-required = Write what was said at the hearing (at most 8000 characters)
err-card-not-revoked = The card is not revoked
err-card-no-card = There is no card on this case

appeal-intended-lead = Before deciding, the office tells you what it intends to decide and why, so that you can answer.
appeal-ground = Ground
appeal-basis = Legal basis
appeal-reasons = The officer's reasons
appeal-evidence = Evidence relied on
appeal-evidence-documents = and the documents of your application as reviewed by the officer.
appeal-last-day = Last day to answer
appeal-right-to-be-heard = You have the right to be heard before the decision ({ $article }): answer in writing below, or ask for a hearing, online or in person. The refusal can only be decided after the last day, and after any hearing you ask for.
appeal-hearing-ask = Ask for a hearing
appeal-hearing-manage = See or move your hearing
appeal-hearing-booked = Your hearing: { $when }, { $mode }.
appeal-complaints-title = Complaints
appeal-complain = Complain about the decision
appeal-complaint-against = Against
appeal-complaint-lodged = Lodged
appeal-complaint-stage = Stage
appeal-complaint-due = next step due by { $date }
appeal-complaint-outcome = Outcome
appeal-complaint-reason = Reason given
complaint-lead-refusal = You may complain about the refusal to { $appeals }, through { $office }, until { $date }.
complaint-lead-revocation = You may complain about the revocation of your card to { $appeals }, through { $office }, until { $date }.
complaint-lead-silence = The office's deadline has passed with no decision. You may complain about this to { $appeals }, through { $office }.
complaint-subject-refusal = The refusal of the card
complaint-subject-silence = No decision within the deadline
complaint-subject-revocation = The revocation of the card
complaint-request-grant = Grant me the card
complaint-request-reconsider = Decide my application again
complaint-request-decide = Decide my application
complaint-request-reinstate = Make my card valid again
complaint-stage-lodged = with the office that decided
complaint-stage-forwarded = with the higher body
complaint-stage-revised = the office revised its decision
complaint-stage-upheld = rejected: the decision stands
complaint-stage-overturned = upheld: the decision was overturned
complaint-outcome-none = the decision stands
complaint-outcome-reconsider = the case is decided again
complaint-outcome-grant = the card is granted
complaint-outcome-reinstate = the card is valid again
complaint-outcome-order-decision = the office must decide within its deadline
complaint-title = Complain about a decision
complaint-to = To
complaint-through = Through
complaint-against = Against
complaint-request-legend = What do you ask for?
complaint-grounds = Why the decision is wrong
complaint-grounds-hint = Say what you disagree with and why, and what the office should have taken into account. You can refer to documents already in your application.
complaint-contact = Your name, address and how to reach you
complaint-contact-hint = As the law asks of a complaint: your full name, your address and a telephone number or e-mail.
complaint-confirm = I confirm that what I wrote is true, and I sign this complaint with my account.
complaint-send = Lodge the complaint
complaint-periods-title = Periods
complaint-period-complaint = A complaint is lodged within { $days } months of the decision
complaint-period-revision = The office that decided may revise its decision within { $days } working days; otherwise it forwards the complaint
complaint-period-review = The higher body decides within { $days } working days
hearing-title = Ask for a hearing
hearing-lead = Before the refusal is decided you may be heard. The office offers times within { $days } working days ({ $basis }).
hearing-reconstructed = rule reconstructed by the project, to be checked against the official text
hearing-when = When
hearing-mode-legend = How
hearing-slot-legend = Choose a time
hearing-book = Book the hearing
hearing-none-free = No time is free in the period: contact the office, or answer in writing on your application's page.
hearing-online-how = For an online hearing the office calls you by video at the time booked, using the telephone number or e-mail in your application.
hearing-held = The hearing took place and was recorded.
hearing-rescheduled-already = The hearing was moved once; it cannot be moved again.
hearing-reschedule-title = Move the hearing
hearing-reschedule-lead = You can move the hearing once, for a reason.
hearing-reschedule-reason = Why you cannot come at the time booked
hearing-reschedule-button = Move the hearing
hearing-window-closed = The time to ask for a hearing ended on { $date }.
case-hearing-title = Hearing
case-hearing-asked = Asked for
case-hearing-moved = Moved because
case-hearing-attended-legend = Did the applicant (or the intermediary) come?
case-hearing-attended-yes = yes
case-hearing-attended-no = no
case-hearing-minutes = What was said
case-hearing-record = Record the hearing
case-hearing-not-yet = The hearing has not taken place yet; the refusal cannot be decided before it is recorded.
case-complaint-forward = Forward to { $appeals }
case-complaint-forward-reason = Why the office keeps its decision
case-complaint-revise = Revise our decision
case-complaint-revise-reason = Why the office revises its decision
case-complaint-overturn = Overturn the decision
case-complaint-overturn-reason = Why the decision is overturned
case-complaint-remedy-legend = What follows
case-complaint-remedy-reconsider = The case returns to the office for a new decision
case-complaint-remedy-grant = The card is granted now
case-complaint-uphold = Reject the complaint: the decision stands
case-complaint-uphold-reason = Why the decision stands
complaints-title = Complaints
complaints-lead = Complaints open at { $office }, the earliest due first.
complaints-none = No complaint is open at your office.
complaints-overdue = overdue
appeal-response-file = File attached to the answer
appeal-files-title = Files attached to your answer
appeal-attach = Attach a file to your answer
appeal-attach-hint = A PDF, JPEG or PNG the officer should read with your answer (a court decision, a certificate).
appeal-attach-button = Attach the file
