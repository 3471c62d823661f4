# Trust pages: the service's identity, privacy, cookies, accessibility, feedback.
trust-banner = The "Ata Zholy" card service of the Republic of Kazakhstan
trust-banner-how = How to know this site is genuine
trust-banner-address = The only address of this service is { $host }. Check it in your browser's address bar before you sign in.
trust-banner-never = We never ask for your password or your sign-in code by phone, e-mail or messenger, and nobody can speed up a decision for money.
trust-banner-channels = You can apply only on this site, at an embassy or consulate of Kazakhstan, at a regional employment department or through the Otandastar Foundation.
footer-privacy = Privacy
footer-cookies = Cookies
footer-accessibility = Accessibility
footer-feedback = Feedback
footer-nav-label = Service information
trust-reconstructed = Reconstructed: the article of the law named here could not be checked against its official text; it is given for orientation, not as the law's wording.

privacy-title = Privacy notice
privacy-lead = What this service keeps about you, why, who sees it, how long it is kept, and what you can do.
privacy-what-title = What we keep
privacy-what = Your account (e-mail address, language, password as a one-way hash), your application (the answers you give, the passport's machine-readable zone, the documents you upload, encrypted), what officers record on your case (checks, the IIN, notes, the decision), your card, and a record of who looked at your data.
privacy-why-title = Why
privacy-why = To decide on your application for the "Ata Zholy" card and to let others check that your card is valid. Nothing is used for anything else, sold or shared for advertising.
privacy-basis = The basis is the Law of the Republic of Kazakhstan "On Personal Data and its Protection" (No. 94-V of 21 May 2013) and the rules of the card procedure.
privacy-who-title = Who sees it
privacy-who = Officers and supervisors of the office your case is assigned to; the police and the National Security Committee see only what a background check needs; auditors see the record of actions. Every time a member of staff opens your application or a document, it is recorded, and you can see which office and role did so.
privacy-who-link = Who looked at my data
privacy-how-long-title = How long it is kept
privacy-how-long-draft = A draft you do not finish: deleted after { $days } days without a change.
privacy-how-long-refused = The documents and answers of a refused application: deleted { $days } days after the appeal period of { $appeal } days has ended.
privacy-how-long-granted = The documents of a granted application: deleted after { $days } days; the card and what it needs stay while the card exists.
privacy-how-long-sessions = Ended sessions: { $days } days. Checks of your card by others: { $checks } days.
privacy-rights-title = What you can do
privacy-rights = You can download everything kept about you as one file, delete a draft at any time, correct your answers while officers ask for corrections, and ask for any other correction or complain through the contacts below.
privacy-rights-download = Download my data
privacy-contact-title = Contact
privacy-contact = Questions about your data: { $email }.

cookies-title = Cookies
cookies-lead = This service uses only the cookies it needs to work. It uses no analytics, no advertising and no cookies of other sites, so it does not ask for your consent.
cookies-name = Name
cookies-purpose = What it is for
cookies-lifetime = How long it lasts
cookies-session = Keeps you signed in
cookies-pending = Remembers that your password was right while you type your sign-in code
cookies-csrf = Protects forms you send before signing in from being sent by another site
cookies-lang = Remembers the language you chose
cookies-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
cookies-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
cookies-year = 1 year

accessibility-title = Accessibility statement
accessibility-lead = We want everyone to be able to use this service, on a phone or a computer, with or without a screen reader.
accessibility-standard = We aim at the Web Content Accessibility Guidelines (WCAG) 2.2, level AA.
accessibility-how-title = How we check
accessibility-how = Every page is checked automatically with axe-core in Kazakh, Russian and English, on a phone and a computer screen; pages are checked at 320 pixels wide, and every form works without JavaScript.
accessibility-known-title = What is not yet as it should be
accessibility-known = The printable card (PDF) is not tagged for screen readers: the card's page shows the same facts as text. Automatic checks cannot judge everything (for example whether a text is clear); tell us what you find.
accessibility-report-title = Tell us about a problem
accessibility-report = Write to { $email } or call { $phone }; say which page and what went wrong. We answer within 15 working days.
accessibility-date = This statement was last reviewed on 4 December 2026.

feedback-title = Feedback
feedback-lead = Tell us what works and what does not: it helps us improve the service.
feedback-how-title = How to reach us
feedback-email = By e-mail: { $email }
feedback-phone = By phone: { $phone } (free from Kazakh mobile operators)
feedback-decision-title = If you disagree with a decision
feedback-decision = Feedback does not change a decision on your application. The decision letter says how to appeal, to whom and by when.
feedback-subject = Feedback on the Ata Zholy card service
