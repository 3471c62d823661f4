service-name = Ata Zholy card
skip-to-content = Skip to main content
language-switch = Language
nav-label = Main menu
nav-card = The card
nav-rights = Rights and restrictions
nav-categories = Who qualifies
nav-professions = Professions
nav-apply = How to apply
nav-contacts = Help and contacts
nav-check = Check if you qualify
nav-api = API for developers
footer-reference = The Kazakh text of the legal acts is the official one; Russian and English texts are for information.
legal-source = Source
legal-basis = Legal basis
in-force-from = In force from { $date }.
rendering-note = This translation is unofficial: the Kazakh text is the reference.
origin-reconstructed = The source document's page layout broke this text apart; it has been rejoined, and the original pieces are kept.
origin-project = This text is not in the source document; it explains the procedure in plain words.
home-title = The Ata Zholy card for ethnic Kazakhs living abroad
home-lead = The card lets ethnic Kazakhs who live abroad move to Kazakhstan to work or run a business while keeping their foreign citizenship.
home-start-check = Check if you qualify
home-facts = What the card gives
home-categories = Who can get the card
home-next = Next steps
rights-title = Rights and restrictions of a card holder
rights-heading = A card holder has the right to
restrictions-heading = A card holder may not
categories-title = Who can get the card
categories-lead = The card is granted to an ethnic Kazakh living abroad who fits one of three categories.
category-n = Category { $n }
categories-see-list = See all { $count } professions and their requirements
category3-documents = Bring documents confirming that the business is registered and operating, with a notarised translation.
category1-title = Category 1: professions of Presidential Decree No. 1587
category2-title = Category 2: in-demand professions
requirements = Requirements
col-field = Field of education
col-code = Code (NKZ 01-2017)
col-profession = Profession
row-n = row { $n }
professions-title = Find your profession
professions-lead = Search both lists of professions in Kazakh, Russian or English, in Cyrillic or Latin letters.
search-label = Profession
search-hint = For example: software developer, бағдарламашы, нейрохирург
search-button = Search
search-results = { $count ->
    [one] 1 profession found
   *[other] { $count } professions found
}
search-none = No profession matches. Try another word, or check the lists of categories 1 and 2.
back-to-list = Back to the list
original-text = Original text in Kazakh
fragments-heading = Original pieces in the source document
apply-title = How to apply
apply-lead = You can apply in any of these ways. Bring the documents listed below.
apply-channels = Where to apply
apply-documents = Documents to file with the application
contacts-title = Help and contacts
contacts-lead = The information support centre for kandas at the Otandastar Foundation answers questions about the card.
error-bad-request = The request could not be read
error-not-found = Page not found
error-validation = Some details are not valid
error-internal = Sorry, something went wrong on our side
error-unavailable = The service is temporarily unavailable
error-help = If you typed the web address, check it is correct. If the problem continues, contact the support centre.
error-reference = Error { $code }, request { $id }
error-field = { $field }: { $problem }
problem-required = an answer is required
problem-unknown = this value is not known
problem-invalid-date = this is not a real date
problem-too-far = this date is too far in the future
problem-unknown-field = this field is not part of the request
problem-invalid-type = this value has the wrong type
problem-too-long = this value is too long
problem-out-of-range = this value is out of range
back-home = Go to the start page
back = Back
continue = Continue
change = Change
answer-yes = Yes
answer-no = No
select-placeholder = Choose…
error-prefix = Error
error-summary-title = There is a problem
date-day = Day
date-month = Month
date-year = Year
check-title = Check if you can get the Ata Zholy card
check-lead = Answer six short questions to learn which categories may apply to you, which documents to bring and what to watch out for.
check-you-need = You will need:
check-need-passport = your passport or identity card
check-need-profession = your profession, or details of your business
check-privacy = Your answers are not stored. The check is for information only: the decision is made by the regional department after you apply.
check-start = Start now
check-citizenship-title = What is your citizenship?
check-citizenship-hint = The country that issued your passport.
check-citizenship-short = Citizenship
check-ethnicity-title = Does your passport or identity card state that you are Kazakh?
check-ethnicity-hint = If your identity document does not state your ethnicity, you will need an official certificate of ethnicity.
check-ethnicity-short = Ethnicity stated in your ID
check-residence-title = In which country do you live?
check-residence-hint = The country of your permanent residence.
check-residence-short = Country of residence
check-profession-title = What is your profession?
check-profession-hint = Choose your profession if it is on one of the two lists. Choose "None of these" if it is not.
check-profession-short = Profession
check-profession-group-1 = Category 1: professions of Presidential Decree No. 1587
check-profession-group-2 = Category 2: in-demand professions
check-profession-group-none = Other
check-profession-none = None of these
check-profession-search = Not sure? Search the lists of professions
check-business-title = Do you own a business registered and operating in your country of residence or citizenship?
check-business-hint = The business must be registered and actually operating.
check-business-short = Business
check-passport-expiry-title = When does your passport expire?
check-passport-expiry-hint = For example, 27 3 2031. The card cannot be valid longer than your passport.
check-passport-expiry-short = Passport expiry date
check-answers-title = Check your answers
check-see-result = See the result
check-result-title = Your result
err-citizenship-required = Select your country of citizenship
err-citizenship-unknown = Select a country from the list
err-ethnicity-required = Select yes if your identity document states that you are Kazakh
err-ethnicity-unknown = Select yes or no
err-residence-required = Select the country where you live
err-residence-unknown = Select a country from the list
err-profession-required = Select your profession, or "None of these"
err-profession-unknown = Select a profession from the list
err-business-required = Select yes if you own a registered, operating business
err-business-unknown = Select yes or no
err-passport-expiry-required = Enter your passport's expiry date
err-passport-expiry-invalid-date = Passport expiry date must be a real date
err-passport-expiry-too-far = Passport expiry date must be within the next 25 years
err-on-invalid-date = The date must be a real date in the form YYYY-MM-DD
err-q-required = Enter a word to search for
err-q-too-long = The search text must be 200 characters or fewer
err-limit-out-of-range = The limit must be a whole number from 1 to 50
outcome-summary-may-apply = You may be able to get the Ata Zholy card.
outcome-summary-cannot-apply = From your answers, you cannot get the Ata Zholy card now.
outcome-citizen-kz = A citizen of Kazakhstan cannot hold the Ata Zholy card: the card is for foreign citizens, and it becomes invalid when its holder acquires Kazakh citizenship.
outcome-passport-expired = Your passport has expired. Renew it before you apply: the card cannot be valid beyond your passport.
outcome-no-category = Your profession is not on either list and you have no registered business, so none of the three categories applies.
outcome-cat1-profession = Your profession ({ $profession }) is on the list of Presidential Decree No. 1587. You must meet its requirements.
outcome-cat2-profession = Your profession ({ $profession }) is on the list of in-demand professions.
outcome-cat3-business = You own a business registered and operating in your country of residence or citizenship.
outcome-doc-passport = Your valid passport or identity document.
outcome-doc-ethnicity = Your identity document does not state your ethnicity: bring an official certificate confirming it, from the competent authorities of your country of origin.
outcome-doc-profession = Diplomas and certificates proving your profession.
outcome-doc-business = Documents confirming that your business is registered and operating.
outcome-doc-translation = Every document in a foreign language needs a notarised translation into Kazakh or Russian.
outcome-card-limited-by-passport = Your passport expires before 10 years are up, so a card issued today would be valid only until { $date }. With a new passport you can ask for a new card.
outcome-passport-expiring-soon = Your passport expires within 6 months. Consider renewing it before you apply.
outcome-resident-in-kz = The card is meant for ethnic Kazakhs living abroad. If you already live in Kazakhstan, ask the support centre which status suits you.
outcome-kandas-alternative = If you want to settle in Kazakhstan for good and take Kazakh citizenship, kandas status may suit you better.
result-blockers = Why not
result-categories = Categories that may apply
result-documents = Documents to bring
result-card-until = A card issued today would be valid until { $date }.
result-warnings = Things to know
result-change-answers = Change your answers
result-restart = Start again
api-title = API for developers
api-lead = A JSON API for the mobile app and for integrations, described by OpenAPI 3.1:
api-parameters = Parameters
api-required = required
api-body = Takes a JSON body.
api-responses = Responses
nav-account = Your account
error-unauthorized = Please sign in
error-forbidden = You cannot do this
error-conflict = This conflicts with the current state
error-too-many = Too many attempts
error-retry = Try again { $when }.
retry-when = { $unit ->
        [s] in { $n ->
            [one] { $n } second
           *[other] { $n } seconds
        }
       *[m] in { $n ->
            [one] { $n } minute
           *[other] { $n } minutes
        }
    }
account-field-email = E-mail address
account-field-password = Password
account-field-password-confirm = Repeat the password
account-hint-password = At least 10 characters. A few words you remember are a good password.
account-hint-email = We send a link to this address to confirm it.
sign-up-title = Create an account
sign-up-lead = With an account you can fill in your application over several visits, upload documents and follow your case.
sign-up-button = Create account
sign-in-title = Sign in
sign-in-lead = Sign in with the e-mail address and password of your account.
sign-in-button = Sign in
reset-title = Reset your password
reset-lead = Enter the e-mail address of your account. We will send a link to set a new password.
reset-button = Send the link
new-password-title = Set a new password
new-password-lead = Choose a new password. You will be signed out everywhere else.
new-password-button = Save the password
account-have-account = I already have an account: sign in
account-no-account = I have no account yet: create one
account-forgot = I forgot my password
account-go-sign-in = Go to sign in
check-email-title = Check your e-mail
check-email-body = We have sent a link to the address you gave. Open it within 3 days to confirm your address, then sign in. If nothing arrives, check the spam folder.
verified-title = Your e-mail address is confirmed
verified-body = You can now sign in.
verify-failed-title = This link does not work
verify-failed-body = The link has expired or has been used already. Sign in: if your address is not yet confirmed, we will send a new link.
reset-sent-title = Check your e-mail
reset-sent-body = If an account has this address, we have sent it a link to set a new password. The link works for 1 hour.
reset-failed-title = This link does not work
reset-failed-body = The link has expired or has been used already. Ask for a new one.
password-changed-title = Your password has been changed
password-changed-body = Sign in with your new password. Every other session has been ended.
account-title = Your account
account-signed-in-as = You are signed in as { $email }.
account-sign-out = Sign out
account-inbox = Messages
account-inbox-empty = You have no messages yet.
err-email-required = Enter your e-mail address
err-email-invalid-email = Enter an e-mail address in the right format, like name@example.com
err-email-wrong-credentials = The e-mail address or the password is not right
err-email-locked = Too many attempts to sign in from here. Try again { $when }, or reset your password.
err-email-unverified = Your e-mail address is not confirmed yet. We have sent you a new link: open it, then sign in.
err-email-rate-limited = Too many accounts have been created from here. Try again { $when }.
err-email-too-many-links = Too many links have been asked for from here. Try again { $when }.
err-password-required = Enter a password
err-password-too-short = The password must have at least 10 characters
err-password-too-long = The password must have at most 128 characters
err-password-too-common = This password is too easy to guess. Choose another one.
err-password-confirm-required = Repeat the password
err-password-confirm-mismatch = The two passwords are not the same
err-token-required = The link is incomplete. Open the whole link from the e-mail.
err-token-invalid-token = The link has expired or has been used already
err-lang-unknown = Choose a language: kk, ru or en
mail-verify-subject = Confirm your e-mail address for the Ata Zholy card
mail-verify-body = Hello,

    To confirm your e-mail address and finish creating your account, open this link within 3 days:

    { $link }

    If you did not create an account, ignore this message.

    Ata Zholy card service
mail-exists-subject = Someone tried to create an account with your address
mail-exists-body = Hello,

    Someone tried to create an Ata Zholy card account with this e-mail address, which already has an account. If it was you, sign in here:

    { $link }

    If you forgot your password, you can reset it on the sign-in page. If it was not you, you do not need to do anything.

    Ata Zholy card service
mail-reset-subject = Set a new password for your Ata Zholy card account
mail-reset-body = Hello,

    To set a new password, open this link within 1 hour:

    { $link }

    If you did not ask for it, ignore this message: your password stays as it is.

    Ata Zholy card service
mail-password-changed-subject = Your password has been changed
mail-password-changed-body = Hello,

    The password of your Ata Zholy card account has just been changed and every session has been ended. If you did not do this, reset your password at once and contact the support centre (1404).

    Ata Zholy card service
inbox-welcome-subject = Welcome
inbox-welcome-body = Your e-mail address is confirmed. You will find here every message about your application, the same as we send by e-mail.
error-too-large = The file or request is too large
save-continue = Save and continue
nav-applications = Your applications
app-list-title = Your applications
app-list-office = Applications filed by your office, { $office }.
app-col-reference = Reference
app-col-name = Name
app-col-status = Status
app-col-updated = Last change
app-col-channel = Filed through
app-draft-n = Draft { $n }
app-list-empty = You have no applications yet.
app-unnamed = (no name yet)
app-new-title = Start a new application
app-new-lead = You can save your answers and come back at any time. Have your passport ready.
app-new-button = Start a new application
app-field-applicant-email = The applicant's e-mail address (optional)
app-hint-applicant-email = Notices about the case go to this address. Leave it empty if the applicant has none.
app-field-notify-office = Send notices to our office too
app-overview-title = Your application
app-no-reference = given when you submit
app-duplicates-title = Possible duplicates
app-corrections-lead = The officer asked for corrections. Change the items that are open, then submit again.
app-tasks-title = Complete these sections
app-mrz-link = Fill in the passport details from the machine-readable lines of the passport
app-task-done = Completed
app-task-todo = Not completed
app-check-link = Check your answers and submit
app-notices-title = Who receives notices
app-history-title = History
app-status-draft = Draft
app-status-submitted = Submitted
app-status-corrections-requested = Corrections requested
app-event-create = Started
app-event-submit = Submitted
app-event-resubmit = Submitted again after corrections
app-event-request-corrections = Corrections requested
app-role-applicant = applicant
app-role-intermediary = intermediary
app-role-officer = case officer
app-duplicate-passport = the same passport number
app-duplicate-name-and-birth-date = the same name and date of birth
app-channel-web = the website
app-channel-app = the mobile app
app-channel-embassy = an embassy of Kazakhstan
app-channel-department = a regional department
app-channel-foundation = the Otandastar Foundation
app-notice-applicant-email = The applicant: by e-mail to { $email }.
app-notice-applicant-none = The applicant has given no e-mail address: notices go only where listed below.
app-notice-inbox = The applicant's account: every notice also appears under Messages.
app-mrz-title = Passport machine-readable lines
app-mrz-hint = The two lines of letters, numbers and < signs at the bottom of the passport's photo page. Type or paste both lines exactly. The check digits are verified.
app-mrz-button = Fill in my details
app-documents-title = Documents
app-documents-lead = Upload each document as a PDF, JPEG or PNG file of at most { $mb } MB. A document in a language other than Kazakh or Russian needs its notarised translation into Kazakh or Russian too.
app-doc-foreign = in another language
app-doc-remove = Remove
app-doc-role-legend = This file is
app-doc-choice-original-kk = the document, in Kazakh or Russian
app-doc-choice-original-foreign = the document, in another language
app-doc-choice-translation = the notarised translation into Kazakh or Russian
app-doc-role-original = document
app-doc-role-translation = notarised translation
app-doc-file = File for: { $name }
app-doc-file-hint = PDF, JPEG or PNG, at most { $mb } MB.
app-doc-progress = Upload progress
app-doc-upload = Upload
app-doc-done = Back to the application
app-doc-missing = a file is needed
app-doc-translation-missing = the notarised translation is needed
app-doc-count = { $n ->
    [one] 1 file
   *[other] { $n } files
}
app-declaration-title = Declaration
app-declaration = By submitting you confirm that the information is true and complete. Your application cannot be changed after it is submitted, unless the officer asks for corrections.
app-submit = Submit the application
app-submitted-title = Application submitted
app-submitted-reference = Your reference number:
app-submitted-next = The regional department checks your application and sends the background-check requests within 1 working day. You will be told of every change.
app-step-names-title = Your name
app-step-names-lead = As in your passport, in its Latin spelling, and in Kazakh Cyrillic letters.
app-step-birth-title = Date of birth and sex
app-step-birth-lead = As in your passport.
app-step-passport-title = Citizenship and passport
app-step-passport-lead = The passport you will travel with. The card cannot be valid longer than this passport.
app-step-contact-title = Contact details
app-step-contact-lead = How the office can reach you.
app-step-residence-title = Where you live
app-step-residence-lead = Your country and address of permanent residence.
app-step-ethnicity-title = Kazakh ethnicity
app-step-ethnicity-lead = How you show that you are an ethnic Kazakh.
app-step-category-title = Category
app-step-category-lead = The card is granted in one of three categories.
app-step-profession-1-title = Your profession (Decree No. 1587)
app-step-profession-1-lead = Choose your profession from the list. On the next page you describe how you meet its requirements.
app-step-profession-2-title = Your in-demand profession
app-step-profession-2-lead = Choose your profession by its code in the national classifier of occupations.
app-step-business-title = Your business
app-step-business-lead = The business registered and operating in your country of residence or citizenship.
app-step-region-title = Region of settlement
app-step-region-lead = Where in Kazakhstan you intend to live and work. You choose it yourself.
app-step-consent-title = Consent to the processing of personal data
app-step-consent-lead = Your data is used only to decide on your application and to issue the card, under the Law "On Personal Data and Their Protection".
app-field-surname-latin = Surname in Latin letters
app-field-given-names-latin = Given names in Latin letters
app-field-surname-kk = Surname in Kazakh (Cyrillic)
app-field-given-names-kk = Given names in Kazakh (Cyrillic)
app-hint-surname-latin = Exactly as printed in the passport, for example BEKOV.
app-field-birth-date = Date of birth
app-hint-birth-date = For example, 27 3 1990.
app-field-sex = Sex
app-opt-sex-F = Female
app-opt-sex-M = Male
app-field-citizenship = Citizenship
app-field-passport-number = Passport number
app-field-passport-issued = Date of issue
app-field-passport-expires = Date of expiry
app-field-phone = Telephone number
app-hint-phone = With the country code, for example +976 9911 2233.
app-field-contact-email = E-mail address
app-field-residence-country = Country of residence
app-field-residence-address = Address
app-field-ethnicity = How is your Kazakh ethnicity shown?
app-opt-ethnicity-in-id = My passport or identity card states that I am Kazakh
app-opt-ethnicity-certificate = By an official certificate of ethnicity from my country
app-field-category = Which category do you apply in?
app-opt-category-1 = 1: a profession of Presidential Decree No. 1587
app-opt-category-2 = 2: an in-demand profession
app-opt-category-3 = 3: I own a business
app-field-cat1-row = Profession
app-field-cat1-evidence = How you meet each requirement
app-hint-cat1-evidence = For each requirement of the profession, name your degree, certificates, experience and works. You will upload the proof as documents.
app-field-cat2-code = Profession
app-field-business-name = Name of the business
app-field-business-reg-number = Registration number
app-field-business-country = Country of registration
app-field-business-reg-date = Date of registration
app-field-business-activity = What the business does
app-field-region = Region or city
app-field-consent = I consent to the processing of my personal data for this application
app-problem-required = { $label }: enter an answer
app-problem-too-long = { $label }: the text is too long
app-problem-latin-only = { $label }: use Latin letters only, as in the passport
app-problem-cyrillic-only = { $label }: use Kazakh Cyrillic letters only
app-problem-invalid-date = { $label }: enter a real date
app-problem-in-future = { $label }: the date must be in the past
app-problem-too-old = { $label }: the year must be 1900 or later
app-problem-unknown = { $label }: choose one of the options
app-problem-citizen-kz = A citizen of Kazakhstan cannot get the Ata Zholy card
app-problem-invalid-passport-number = { $label }: use 5 to 20 Latin letters and digits, as in the passport
app-problem-before-birth = { $label }: the passport cannot be issued before the date of birth
app-problem-expired = Your passport has expired: renew it before you apply, because the card cannot outlive the passport
app-problem-before-issue = { $label }: the date of expiry must be after the date of issue
app-problem-invalid-phone = { $label }: enter the number with its country code, like +976 9911 2233
app-problem-invalid-email = { $label }: enter an address like name@example.com
app-problem-consent-required = Tick the box to consent to the processing of your personal data
app-problem-unknown-field = { $label }: this field is not part of the application
app-problem-not-editable = { $label }: this cannot be changed now
app-problem-required-without-email = Without the applicant's e-mail address, the office must receive the notices
app-problem-invalid = { $label }: this value is not valid
err-mrz-mrz-format = Enter both lines of 44 characters exactly as printed
err-mrz-mrz-check-digit = A check digit does not match: a character was typed or read wrongly. Compare both lines with the passport.
err-mrz-mrz-date = A date in the lines does not exist: compare them with the passport
err-mrz-not-editable = The passport details cannot be changed now
err-file-required = Choose a file to upload
err-file-empty = The file is empty
err-file-unsupported-type = The file must be a PDF, JPEG or PNG (its content decides, not its name)
err-file-polyglot = The file contains something besides the document. Save it again as a plain PDF, JPEG or PNG.
err-file-too-large = The file is too large. Make it smaller, for example by scanning at a lower resolution.
err-file-limit-reached = The application has as many files as it can take. Remove a file first.
err-file-not-editable = Documents cannot be changed now
err-file-interrupted = The upload was interrupted. Try again.
err-item-unknown = Choose a document from the list
err-role-unknown = Say whether the file is the document or its translation
err-items-unknown = Name the items to correct
err-reason-required = Give the reason
err-applicant-email-invalid-email = Enter the applicant's e-mail address like name@example.com, or leave it empty
err-notify-office-required-without-email = Without the applicant's e-mail address, the office must receive the notices
notice-submitted-subject = Your Ata Zholy card application { $reference } has been submitted
notice-submitted-body = Hello,

    Your application for the Ata Zholy card has been submitted. Your reference number is { $reference }.

    The regional department checks it and sends the background-check requests within 1 working day. You will be told of every change. Follow your application here:

    { $link }

    Ata Zholy card service
notice-corrections-requested-subject = Corrections are needed in your application { $reference }
notice-corrections-requested-body = Hello,

    The officer asks you to correct some items of your application { $reference }. Only those items can be changed. Open your application, correct them and submit it again:

    { $link }

    Ata Zholy card service
notice-office-submitted-subject = Application { $reference } filed by your office has been submitted
notice-office-submitted-body = The application { $reference } that your office filed has been submitted. You receive a copy of every notice about it.
account-field-code = Code from your authenticator app
account-hint-code = The 6 digits the app shows now for Ata Zholy.
sign-in-code-title = Enter your security code
sign-in-code-lead = Staff sign in with a second factor. Open your authenticator app.
sign-in-code-button = Continue
err-code-required = Enter the 6-digit code from your authenticator app
err-code-invalid = The code is not right, or it has been used already. Wait for the next code and try again.
err-code-locked = Too many wrong codes. Try again { $when }.
err-code-no-second-factor = This staff account has no second factor. Ask an administrator to set one up.
app-step-requirements-1-title = How you meet the requirements
app-step-requirements-1-lead = Describe, for each requirement of your profession below, the degree, certificates, experience and works that meet it.
app-requirements-of = Requirements for: { $name }
app-requirements-link = The profession in the decree's list
notice-checks-pending-subject = Your application { $reference }: background checks requested
notice-checks-pending-body = Hello,

    The regional department has checked your application { $reference } and asked the police and the National Security Committee for the background checks. They answer within 5 working days.

    { $link }

    Ata Zholy card service
notice-awaiting-iin-subject = Your application { $reference }: background checks completed
notice-awaiting-iin-body = Hello,

    The background checks of your application { $reference } are complete. Next, an individual identification number (IIN) is issued for you.

    { $link }

    Ata Zholy card service
notice-iin-recorded-subject = Your application { $reference }: IIN recorded
notice-iin-recorded-body = Hello,

    An individual identification number (IIN) has been issued for you. The decision on your application { $reference } is due within 3 working days.

    { $link }

    Ata Zholy card service
notice-granted-subject = The Ata Zholy card is granted: { $reference }
notice-granted-body = Hello,

    The Ata Zholy card has been granted on your application { $reference }. You will find the card in your account.

    { $link }

    Ata Zholy card service
nav-cases = Cases
app-status-checks-pending = Background checks requested
app-status-awaiting-iin = Waiting for the IIN
app-status-iin-recorded = Decision due
app-status-granted = Granted
app-status-refusal-pending = Refusal awaiting countersignature
app-status-refused = Refused
app-event-send-checks = Background checks requested
app-event-checks-answered = Background checks answered
app-event-record-iin = IIN recorded
app-event-grant = Granted
app-event-propose-refusal = Refusal proposed
app-event-countersign = Refusal countersigned
app-event-return-refusal = Refusal sent back to the officer
app-role-supervisor = supervisor
app-role-system = the system
app-role-checker-police = police
app-role-checker-knb = National Security Committee
app-role-auditor = auditor
case-queue-title = Case queue
case-queue-lead = Office { $office }: { $total } cases.
case-any = Any
case-overdue-only = Overdue only
case-filter = Filter
case-col-due = Statutory deadline
case-overdue = overdue by { $days } working days
case-days-left = { $days } working days left
case-pages = Pages
case-prev = Previous page
case-next = Next page
case-page-of = Page { $page } of { $pages }
case-title = Case { $reference }
case-iin = IIN
case-actions = Actions
case-send-checks = Send the background-check requests
case-correct-items = Items to correct
case-correct-items-hint = Separated by commas: steps (names, contact, ...) and documents (doc:passport, ...).
case-reason = Reason
case-request-corrections = Ask for corrections
case-record-iin = Record the IIN
case-grant = Grant the card
case-ground = Ground of refusal
case-propose-refusal = Propose a refusal
case-countersign = Countersign the refusal
case-return = Send the refusal back
case-answers = Answers
case-verdict = Verdict
case-verdict-accepted = accepted
case-verdict-rejected = rejected
case-save = Save
case-checks = Background checks
case-check-waiting = answer due by { $date }
case-notes = Notes
case-note = New note
case-agency-police = Police
case-agency-knb = National Security Committee
case-result-no-information = No information
case-result-adverse = Adverse information
checks-title = Background checks: { $agency }
checks-lead = Only what a check needs is shown. Answer within 5 working days.
checks-result = Result
checks-reference = Your reference
checks-send = Send the answer
checks-none = There are no open requests.
err-status-wrong-state = This action is not possible in the case's current state
err-check-closed = This request is already answered, or the case is closed
err-countersign-own-proposal = A refusal must be countersigned by another person than the one who proposed it
err-ground-unknown = Choose a ground of refusal from the list
err-verdict-unknown = Choose accepted or rejected
err-document-unknown = Choose a document of this case
err-note-required = Write the note (at most 4000 characters)
err-result-required = Choose the result of the check
err-reference-required = Give your reference (at most 100 characters)
err-iin-iin-format = The IIN has 12 digits
err-iin-iin-check-digit = The IIN's check digit is wrong: compare it with the certificate
err-iin-iin-date = The IIN does not encode a real date of birth
err-iin-iin-birth-date-mismatch = The IIN's date of birth differs from the application's
err-iin-iin-sex-mismatch = The IIN's sex differs from the application's
err-iin-no-birth-date = The application has no date of birth to compare the IIN with
deadline-reminder-subject = Due today: case { $reference }
deadline-reminder-body = The statutory deadline of case { $reference } is today, { $date }.
deadline-escalation-subject = Overdue: case { $reference }
deadline-escalation-body = The statutory deadline of case { $reference } was { $date } and has passed. Please reassign or act.
check-escalation-subject = Overdue background check: { $reference }
check-escalation-body = The agency's answer for { $reference } was due on { $date } and has not come.
app-refusal-title = The officer intends to refuse your application
app-refusal-lead = You can answer until { $date }. The refusal takes effect only after that, and only when a supervisor countersigns it.
app-refusal-response = Your answer
app-refusal-send = Send the answer
app-event-respond = Answer to the intended refusal
app-event-reassign = Moved to another office
case-reassign-to = Move to the office
case-reassign = Move the case
err-response-required = Write your answer (at most 4000 characters)
err-response-not-open = There is no intended refusal to answer
err-countersign-window-open = The applicant can still answer: the refusal can be countersigned after the window closes
err-office-unknown = Choose another regional department
dash-title = Dashboard
dash-times = Working days from submission to decision
dash-decided = Decided cases
dash-median = Median (working days)
dash-p90 = 90th percentile (working days)
dash-overdue = Overdue cases of the office
dash-none-overdue = No case of the office is overdue.
dash-by-status = Cases by status
dash-by-office = Cases by office
dash-counts = Cases by office and status
dash-office = Office
dash-count = Cases
dash-load = Open cases per officer
admin-title = Administration
admin-created = Account { $email }: hand these over once, they are not shown again.
admin-password = Password:
admin-factor = Second factor (scan into an authenticator app):
admin-staff = Staff
admin-role = Role
admin-office = Office
admin-factor-col = Second factor
admin-reset-factor = Reset the second factor
admin-new-staff = New staff account
admin-office-hint = embassy-MN, department-KZ-75 or foundation; empty for checkers, auditors and administrators.
admin-create = Create the account
admin-calendar = Working-day calendar
admin-year = Kurban Ait { $date }, { $transfers } transfers of days off
admin-unverified = not verified
admin-year-field = Year
admin-kurban = First day of Kurban Ait
admin-transfers = Transfers of days off
admin-transfers-hint = One per line: the day off, the weekend day that becomes a working day, and the act (YYYY-MM-DD YYYY-MM-DD reference).
admin-source = Source
admin-verified = Checked against the published act
admin-save-year = Save the year
err-email-taken = This address already has an account
err-office-unfit = The office does not fit the role, or does not exist
err-role-not-a-role = Choose a role from the list
err-role-own-role = You cannot take away your own administrator role
err-transfers-invalid-date = Each transfer needs two dates, YYYY-MM-DD
err-transfers-reference-required = Each transfer needs the act that made it
err-transfers-invalid-calendar = The data does not fit the calendar's rules (a day off on a weekend, a working day on a weekday, or a date outside the year)
err-kurban-ait-invalid-date = Give the date as YYYY-MM-DD
err-year-invalid-date = Give the year
err-source-required = Give the source

## The card
account-cards = Your Ata Zholy cards
card-list-title = Your Ata Zholy cards
card-list-empty = You have no card yet. It appears here on the day your application is granted.
card-number = Card number
card-state = State
card-title = Card { $number }
card-replaced-by = Replaced by the new card
card-state-valid = Valid
card-state-invalidated = Invalid: the holder acquired citizenship of Kazakhstan
card-state-revoked = Revoked
card-state-expired = Expired
card-state-superseded = Replaced by a new card
card-field-name-latin = Name (as in the passport)
card-field-name-kk = Name in Kazakh
card-field-birth-date = Date of birth
card-field-citizenship = Citizenship
card-field-passport = Passport
card-field-valid-from = Valid from
card-field-valid-until = Valid until
card-qr-title = The QR code
card-qr-hint = Show this code, or the printed card, to an employer, a hospital, a school or a border guard. They can check it with any phone, even without the internet.
card-qr-alt = QR code of card { $number }
card-download-pdf = Download the card to print (PDF)
card-download-svg = Download the QR code (SVG)
card-download-png = Download the QR code (PNG)
card-qr-text = The QR code as text
card-log-title = Who checked your card
card-log-hint = Every check made through this service is listed here. Checks made offline, with a downloaded key set, leave no trace.
card-log-when = When
card-log-who = Who
card-log-how = How
card-log-result = Result
card-log-empty = Nobody has checked this card online yet.
card-reissue-pending = You reported a new passport. An officer is checking it; the new card will appear in your list.
card-passport-title = Got a new passport?
card-passport-hint = Report it here. An officer checks it, then a new card is issued on the new passport and this one is replaced.
card-passport-submit = Report the new passport
card-history-title = History of the card
card-event-issue = Issued
card-event-invalidate = Invalidated
card-event-propose-revocation = Revocation proposed
card-event-revoke = Revoked
card-event-return-revocation = Revocation returned
card-event-report-passport = New passport reported
card-event-reissue = Replaced by a new card
card-event-return-reissue = New passport not accepted
card-event-expire = Expired
card-pdf-title = "Ata Zholy" card
card-pdf-issuer = Republic of Kazakhstan
card-pdf-note = Cut out the card along the outline, fold it along the dashed line and glue the halves. Anyone can check the card by scanning the QR code, or at { $url }. The QR code holds only what is printed on the front.
card-notice-invalidated-subject = Your Ata Zholy card { $number } is no longer valid
card-notice-invalidated-body = Hello, your Ata Zholy card { $number } has become invalid because you acquired citizenship of the Republic of Kazakhstan. Congratulations. Details: { $link }
card-notice-revoked-subject = Your Ata Zholy card { $number } was revoked
card-notice-revoked-body = Hello, your Ata Zholy card { $number } was revoked. The ground is shown on the card's page: { $link }
card-notice-reissued-subject = A new Ata Zholy card replaces card { $number }
card-notice-reissued-body = Hello, your new passport was accepted and a new card has been issued on it. Card { $number } is replaced. Your cards: { $link }
card-notice-reissue-returned-subject = Your new passport was not accepted for card { $number }
card-notice-reissue-returned-body = Hello, the officer could not accept the new passport you reported. Check the details and report it again: { $link }
verify-title = Check an Ata Zholy card
verify-intro = Type the card number, or paste the text of its QR code. The QR code gives the full answer; a number alone says only whether a valid card has it, and with the holder's date of birth also the card's state and the holder's initials.
verify-kind = Who is checking
verify-kind-employer = Employer
verify-kind-hospital = Hospital or clinic
verify-kind-school = School or university
verify-kind-border = Border guard
verify-kind-bank = Bank
verify-kind-other = Other
verify-channel-number = by card number
verify-channel-qr = by QR code, on this site
verify-channel-api = by QR code, through the API
verify-number-hint = 12 characters, like AZ0000010427
verify-qr = Text of the QR code
verify-qr-hint = Starts with AZ1:
verify-scan = Scan the QR code with the camera
verify-submit = Check the card
verify-offline = To check cards without the internet, download the key set ({ $keys }) and the status list once a day, and use the atajoly verify command or any verifier that follows the published format.
verify-match-passport = Compare the name, the date of birth and the citizenship with the passport the person shows you.
verify-checked-at = Checked at { $at }
verify-result-valid = Valid card
verify-result-invalidated = Not valid: the holder is now a citizen of Kazakhstan
verify-result-revoked = Not valid: the card was revoked
verify-result-expired = Not valid: the card has expired
verify-result-superseded = Not valid: replaced by a newer card
verify-result-not-yet-valid = Not valid yet
verify-result-not-genuine = Not a genuine card
verify-explain-valid = The card was issued by the Republic of Kazakhstan and is valid today.
verify-explain-invalidated = The holder acquired citizenship of Kazakhstan, so they no longer need the card. Ask for their Kazakh identity document.
verify-explain-revoked = The card was withdrawn by the authorities. Do not accept it.
verify-explain-expired = The card's validity has ended. The holder can apply again.
verify-explain-superseded = The holder has a newer card, issued on a new passport. Ask for that one.
verify-explain-not-yet-valid = The card's validity has not started.
verify-explain-not-genuine = The text is not a card issued by Kazakhstan, or it was changed. Check that you typed or scanned it completely.
verify-code-valid = Valid
verify-code-valid-status-unchecked = Genuine; its status could not be checked
verify-code-invalidated = Invalidated
verify-code-revoked = Revoked
verify-code-suspended = Suspended
verify-code-superseded = Superseded
verify-code-expired = Expired
verify-code-not-yet-valid = Not valid yet
verify-code-too-long = The text is too long for a card
verify-code-wrong-prefix = The text does not start with AZ1:
verify-code-not-base45 = The text contains characters a card's QR code cannot have
verify-code-truncated = The text is cut short: part of it is missing
verify-code-not-zlib = The text is damaged
verify-code-not-cose = The text is not a signed card
verify-code-unknown-key-id = The card is signed with a key Kazakhstan does not publish
verify-code-bad-signature = The signature does not match: the card was changed
verify-code-malformed-claims = The card's content is malformed
verify-code-bad-card-number = The card number is wrong: its last character does not match
verify-code-key-not-usable = The card is signed with a key that was not in use on its date of issue
verify-code-status-list-mismatch = The card's status cannot be found
verify-code-status-list-stale = The status list is older than allowed
verify-code-status-list-expired = The status list has expired
verify-code-status-index-out-of-range = The card's status cannot be found
verify-code-unknown-status = The card's status is not known
verify-code-not-found = No card has this number
err-passport-number-same = This is the passport the card was issued on: enter the new passport's number
err-passport-expires-passport-expired = The passport has expired: the card cannot be issued on it
err-revocation-ground-unknown = Choose a ground of revocation from the list
err-state-wrong-state = This is not possible in the card's current state, or a request is already open
err-state-nothing-open = Nothing is waiting for this decision: no request on this card is open
err-state-no-card = This case has no card yet
err-reference-decree-required = Give the reference of the decree or record (up to 200 characters)
err-qr-required = Type the card number or paste the text of its QR code
err-number-required = Type the card number or paste the text of its QR code
case-card-title = The card
case-card-pending-revocation = Revocation proposed: { $ground }
case-card-pending-reissue = New passport reported: { $passport }
case-card-invalidate = Invalidate: the holder acquired citizenship
case-card-reference = Decree or registry record
case-card-revoke = Propose revocation
case-card-revocation-ground = Ground of revocation
case-card-countersign = Countersign the revocation
case-card-return = Return the revocation
case-card-reissue = Accept the new passport and issue a new card
case-card-reissue-return = Return: the new passport cannot be accepted
case-card-requests-reissue = New passports to check
case-card-requests-revocation = Revocations to countersign
err-state-revocation-pending = A revocation of this card is pending: it must be decided first
err-documents-not-reviewed = Review every document before the grant: some are not reviewed yet
err-documents-rejected = A document is rejected: ask for corrections or propose a refusal, a grant is not possible
err-corrections-open = Items are still open for correction: the applicant must resubmit first
err-iin-citizen = The citizenship registry reports that the person with this IIN is a citizen of Kazakhstan: the card cannot be issued
err-card-holds-valid-card = This person already holds a valid Ata Zholy card (same IIN or same passport): one card per person
card-notice-reinstated-subject = Your Ata Zholy card { $number } is valid again
card-notice-reinstated-body = Hello, the citizenship registry corrected its record: your Ata Zholy card { $number } is valid again. Details: { $link }
case-citizen-title = The registry reports that this person is a citizen of Kazakhstan
case-citizen-body = The card cannot be issued while the report stands; the registry may withdraw it if it was made in error. The registry's reference:
app-status-grant-pending = Grant awaiting countersignature
case-grant-adverse-reason = Why grant despite the adverse information
case-grant-adverse-hint = A background check answered "adverse information". You cannot grant alone: write the reason; a supervisor countersigns the grant.
case-propose-grant = Propose the grant
case-grant-pending-note = The officer proposes to grant despite adverse information; the reason is in the history below. Countersigning issues the card.
err-reason-adverse-needs-reason = A background check answered "adverse information": write why the card should be granted all the same (a supervisor countersigns)
app-problem-unchanged = { $label }: reopened for correction, but not changed yet. Correct it before you send the application again
app-field-doc-passport = Passport file
app-field-doc-ethnicity = Ethnicity certificate file
app-field-doc-profession = Profession documents
app-field-doc-business = Business documents
app-duplicate-iin = the same IIN
case-correct-iin = Correct the IIN
case-iin-new = The correct IIN
err-iin-same = This is the IIN already recorded
err-iin-not-recorded = No IIN is recorded yet: record it first
check-kazakh-title = Are you an ethnic Kazakh?
check-kazakh-hint = The Ata Zholy card is only for ethnic Kazakhs living abroad, whatever your passport says. The next question asks how your ethnicity is shown.
check-kazakh-short = Ethnic Kazakh
err-kazakh-required = Select yes if you are an ethnic Kazakh
err-kazakh-unknown = Select yes or no
outcome-not-ethnic-kazakh = The Ata Zholy card is only for ethnic Kazakhs living abroad, so it is not for you. To work, study or live in Kazakhstan as a foreign citizen, ask the embassy of Kazakhstan in your country about visas and permits, or see the government portal egov.kz (this pointer is the project's, not the law's text).
