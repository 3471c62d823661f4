service-name = «Ата жолы» картасы
skip-to-content = Негізгі мазмұнға өту
language-switch = Тіл
nav-label = Басты мәзір
nav-card = Карта туралы
nav-rights = Құқықтар мен шектеулер
nav-categories = Кім ала алады
nav-professions = Мамандықтар
nav-apply = Өтінішті қалай беруге болады
nav-contacts = Көмек және байланыс
nav-check = Карта ала алатыныңызды тексеріңіз
nav-api = Әзірлеушілерге арналған API
footer-reference = Құқықтық актілердің қазақ тіліндегі мәтіні ресми мәтін болып табылады. Орыс және ағылшын тілдеріндегі мәтіндер ақпарат үшін берілген.
legal-source = Дереккөз
legal-basis = Құқықтық негіз
in-force-from = Қолданысқа енген күні: { $date }.
rendering-note = Бұл аударма ресми емес: негізгі мәтін — қазақ тіліндегі мәтін.
origin-reconstructed = Дереккөз құжатта бұл мәтін беттің орналасуына байланысты бөлініп қалған. Біз оны біріктірдік, ал түпнұсқа бөліктерін сақтадық.
origin-project = Бұл мәтін дереккөз құжатта жоқ. Ол рәсімді қарапайым тілмен түсіндіреді.
home-title = Шетелде тұратын этникалық қазақтарға арналған «Ата жолы» картасы
home-lead = Карта шетелде тұратын этникалық қазақтарға шетел азаматтығын сақтай отырып, Қазақстанға көшіп келіп, жұмыс істеуге немесе бизнес жүргізуге мүмкіндік береді.
home-start-check = Карта ала алатыныңызды тексеріңіз
home-facts = Карта не береді
home-categories = Картаны кім ала алады
home-next = Келесі қадамдар
rights-title = Карта иесінің құқықтары мен шектеулері
rights-heading = Карта иесінің құқықтары
restrictions-heading = Карта иесі не істей алмайды
categories-title = Картаны кім ала алады
categories-lead = Карта шетелде тұратын және үш санаттың біріне сәйкес келетін этникалық қазаққа беріледі.
category-n = { $n }-санат
categories-see-list = Барлық { $count } мамандықты және оларға қойылатын талаптарды қараңыз
category3-documents = Бизнестің тіркелгенін және жұмыс істеп тұрғанын растайтын құжаттарды нотариалды куәландырылған аудармасымен ұсыныңыз.
category1-title = 1-санат: ҚР Президентінің № 1587 Жарлығындағы мамандықтар
category2-title = 2-санат: сұранысқа ие мамандықтар
requirements = Талаптар
col-field = Білім беру саласы
col-code = Код (ҰКЖ 01-2017)
col-profession = Мамандық
row-n = { $n }-жол
professions-title = Мамандығыңызды табыңыз
professions-lead = Екі мамандықтар тізбесінен де іздеуге болады: қазақ, орыс немесе ағылшын тілінде, кирилл немесе латын әріптерімен.
search-label = Мамандық
search-hint = Мысалы: бағдарламашы, нейрохирург, software developer
search-button = Іздеу
search-results = { $count ->
   *[other] { $count } мамандық табылды
}
search-none = Сәйкес мамандық табылмады. Басқа сөзбен іздеп көріңіз немесе 1 және 2-санаттардың тізбелерін қараңыз.
back-to-list = Тізімге оралу
original-text = Қазақ тіліндегі түпнұсқа мәтін
fragments-heading = Дереккөз құжаттағы түпнұсқа бөліктер
apply-title = Өтінішті қалай беруге болады
apply-lead = Өтінішті мына тәсілдердің кез келгенімен бере аласыз. Төменде аталған құжаттарды дайындаңыз.
apply-channels = Өтінішті қайда беруге болады
apply-documents = Өтінішпен бірге тапсырылатын құжаттар
contacts-title = Көмек және байланыс
contacts-lead = Карта туралы сұрақтарға «Отандастар» қоры жанындағы Қандастарды ақпараттық қолдау орталығы жауап береді.
error-bad-request = Сұрауды оқу мүмкін болмады
error-not-found = Бет табылмады
error-validation = Кейбір мәліметтер дұрыс емес
error-internal = Кешіріңіз, бізде техникалық қате орын алды
error-unavailable = Қызмет уақытша қолжетімсіз
error-help = Егер сайт мекенжайын өзіңіз терген болсаңыз, оның дұрыс екенін тексеріңіз. Мәселе шешілмесе, қолдау орталығына хабарласыңыз.
error-reference = Қате { $code }, сұрау { $id }
error-field = { $field }: { $problem }
problem-required = жауап беру міндетті
problem-unknown = бұл мән белгісіз
problem-invalid-date = мұндай күн жоқ
problem-too-far = бұл күн тым алыс болашақта
problem-unknown-field = бұл өріс сұрауға жатпайды
problem-invalid-type = бұл мәннің түрі дұрыс емес
problem-too-long = бұл мән тым ұзын
problem-out-of-range = бұл мән рұқсат етілген ауқымнан тыс
back-home = Басты бетке өту
back = Артқа
continue = Жалғастыру
change = Өзгерту
answer-yes = Иә
answer-no = Жоқ
select-placeholder = Таңдаңыз…
error-prefix = Қате
error-summary-title = Қате бар
date-day = Күні
date-month = Айы
date-year = Жылы
check-title = «Ата жолы» картасын ала алатыныңызды тексеріңіз
check-lead = Алты қысқа сұраққа жауап беріңіз. Сонда Сізге қай санаттар сәйкес келуі мүмкін екенін, қандай құжаттар керек екенін және неге назар аудару керегін білесіз.
check-you-need = Сізге қажет болады:
check-need-passport = паспортыңыз немесе жеке куәлігіңіз
check-need-profession = мамандығыңыз немесе бизнесіңіз туралы мәліметтер
check-privacy = Жауаптарыңыз сақталмайды. Тексеру тек ақпарат үшін берілген. Шешімді өтініш бергеннен кейін облыстың жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар басқармасы қабылдайды.
check-start = Бастау
check-citizenship-title = Қай елдің азаматысыз?
check-citizenship-hint = Паспортыңызды берген ел.
check-citizenship-short = Азаматтық
check-ethnicity-title = Паспортыңызда немесе жеке куәлігіңізде ұлтыңыз қазақ деп көрсетілген бе?
check-ethnicity-hint = Жеке басыңызды куәландыратын құжатта ұлтыңыз көрсетілмесе, ұлтыңызды растайтын ресми анықтама қажет болады.
check-ethnicity-short = Құжаттағы ұлт
check-residence-title = Қай елде тұрасыз?
check-residence-hint = Тұрақты тұратын еліңіз.
check-residence-short = Тұратын елі
check-profession-title = Мамандығыңыз қандай?
check-profession-hint = Мамандығыңыз екі тізбенің бірінде болса, оны таңдаңыз. Болмаса, «Бұлардың ешқайсысы емес» дегенді таңдаңыз.
check-profession-short = Мамандық
check-profession-group-1 = 1-санат: ҚР Президентінің № 1587 Жарлығындағы мамандықтар
check-profession-group-2 = 2-санат: сұранысқа ие мамандықтар
check-profession-group-none = Басқа
check-profession-none = Бұлардың ешқайсысы емес
check-profession-search = Сенімді емессіз бе? Мамандықтар тізбесінен іздеңіз
check-business-title = Тұрақты тұратын немесе азаматтығыңыз бар елде тіркелген және жұмыс істеп тұрған бизнесіңіз бар ма?
check-business-hint = Бизнес тіркелген және іс жүзінде жұмыс істеп тұруы керек.
check-business-short = Бизнес
check-passport-expiry-title = Паспортыңыздың қолданылу мерзімі қашан аяқталады?
check-passport-expiry-hint = Мысалы, 27 3 2031. Карта паспортыңыздың мерзімінен ұзақ қолданылмайды.
check-passport-expiry-short = Паспорт мерзімінің аяқталу күні
check-answers-title = Жауаптарыңызды тексеріңіз
check-see-result = Нәтижені көру
check-result-title = Сіздің нәтижеңіз
err-citizenship-required = Азаматтығыңыз бар елді таңдаңыз
err-citizenship-unknown = Тізімнен елді таңдаңыз
err-ethnicity-required = Құжатыңызда ұлтыңыз қазақ деп көрсетілсе, «Иә» дегенді таңдаңыз
err-ethnicity-unknown = «Иә» немесе «Жоқ» дегенді таңдаңыз
err-residence-required = Тұратын еліңізді таңдаңыз
err-residence-unknown = Тізімнен елді таңдаңыз
err-profession-required = Мамандығыңызды немесе «Бұлардың ешқайсысы емес» дегенді таңдаңыз
err-profession-unknown = Тізімнен мамандықты таңдаңыз
err-business-required = Тіркелген және жұмыс істеп тұрған бизнесіңіз болса, «Иә» дегенді таңдаңыз
err-business-unknown = «Иә» немесе «Жоқ» дегенді таңдаңыз
err-passport-expiry-required = Паспорт мерзімінің аяқталу күнін енгізіңіз
err-passport-expiry-invalid-date = Паспорт мерзімінің аяқталу күні шын күн болуы керек
err-passport-expiry-too-far = Паспорт мерзімінің аяқталу күні алдағы 25 жыл ішінде болуы керек
err-on-invalid-date = Күн ЖЖЖЖ-АА-КК түріндегі шын күн болуы керек
err-q-required = Іздеу үшін сөз енгізіңіз
err-q-too-long = Іздеу мәтіні 200 таңбадан аспауы керек
err-limit-out-of-range = Шектеу (limit) 1-ден 50-ге дейінгі бүтін сан болуы керек
outcome-summary-may-apply = «Ата жолы» картасын ала алуыңыз мүмкін.
outcome-summary-cannot-apply = Жауаптарыңызға қарағанда, қазір «Ата жолы» картасын ала алмайсыз.
outcome-citizen-kz = Қазақстан азаматы «Ата жолы» картасының иесі бола алмайды: карта шетел азаматтарына арналған. Карта иесі Қазақстан азаматтығын алса, карта жарамсыз болады.
outcome-passport-expired = Паспортыңыздың мерзімі өтіп кеткен. Өтініш бермес бұрын жаңа паспорт алыңыз: карта паспорттың мерзімінен ұзақ қолданылмайды.
outcome-no-category = Мамандығыңыз екі тізбенің ешқайсысында жоқ және тіркелген бизнесіңіз жоқ. Сондықтан үш санаттың ешқайсысы Сізге сәйкес келмейді.
outcome-cat1-profession = Мамандығыңыз ({ $profession }) ҚР Президентінің № 1587 Жарлығындағы тізбеде бар. Сіз осы мамандыққа қойылатын талаптарға сай болуыңыз керек.
outcome-cat2-profession = Мамандығыңыз ({ $profession }) сұранысқа ие мамандықтар тізбесінде бар.
outcome-cat3-business = Тұрақты тұратын немесе азаматтығыңыз бар елде тіркелген және жұмыс істеп тұрған бизнесіңіз бар.
outcome-doc-passport = Жарамды паспортыңыз немесе жеке басыңызды куәландыратын құжат.
outcome-doc-ethnicity = Жеке басыңызды куәландыратын құжатта ұлтыңыз көрсетілмеген. Шыққан еліңіздің құзыретті органдары берген, ұлтыңызды растайтын ресми анықтаманы ұсыныңыз.
outcome-doc-profession = Мамандығыңызды растайтын дипломдар мен сертификаттар.
outcome-doc-business = Бизнесіңіздің тіркелгенін және жұмыс істеп тұрғанын растайтын құжаттар.
outcome-doc-translation = Шет тіліндегі әрбір құжаттың қазақ немесе орыс тіліне нотариалды куәландырылған аудармасы қажет.
outcome-card-limited-by-passport = Паспортыңыздың мерзімі 10 жыл толмай аяқталады. Сондықтан бүгін берілген карта тек мына күнге дейін жарамды болады: { $date }. Жаңа паспорт алғаннан кейін жаңа карта сұрай аласыз.
outcome-passport-expiring-soon = Паспортыңыздың мерзімі 6 ай ішінде аяқталады. Өтініш бермес бұрын жаңа паспорт алған дұрыс.
outcome-resident-in-kz = Карта шетелде тұратын этникалық қазақтарға арналған. Егер Сіз Қазақстанда тұрып жатсаңыз, Сізге қандай мәртебе сәйкес келетінін қолдау орталығынан сұраңыз.
outcome-kandas-alternative = Егер Қазақстанға біржола көшіп, Қазақстан азаматтығын алғыңыз келсе, Сізге қандас мәртебесі қолайлырақ болуы мүмкін.
result-blockers = Неге болмайды
result-categories = Сізге сәйкес келуі мүмкін санаттар
result-documents = Қажетті құжаттар
result-card-until = Бүгін берілген карта мына күнге дейін жарамды болар еді: { $date }.
result-warnings = Білу маңызды
result-change-answers = Жауаптарды өзгерту
result-restart = Қайта бастау
api-title = Әзірлеушілерге арналған API
api-lead = Мобильдік қосымшаға және интеграцияларға арналған JSON API. Ол OpenAPI 3.1 бойынша сипатталған:
api-parameters = Параметрлер
api-required = міндетті
api-body = Сұрау денесін JSON форматында қабылдайды.
api-responses = Жауаптар
nav-account = Жеке кабинет
error-unauthorized = Жүйеге кіріңіз
error-forbidden = Бұл әрекет сізге қолжетімсіз
error-conflict = Бұл қазіргі күйге қайшы келеді
error-too-many = Әрекет тым көп
error-retry = { $when } қайта көріңіз.
retry-when = { $unit ->
        [s] { $n } секундтан кейін
       *[m] { $n } минуттан кейін
    }
account-field-email = Электрондық пошта мекенжайы
account-field-password = Құпиясөз
account-field-password-confirm = Құпиясөзді қайталаңыз
account-hint-password = Кемінде 10 таңба. Есте сақтайтын бірнеше сөз — жақсы құпиясөз.
account-hint-email = Растау үшін осы мекенжайға сілтеме жібереміз.
sign-up-title = Тіркелгі жасау
sign-up-lead = Тіркелгі арқылы өтінішті бірнеше рет кіріп толтыра аласыз, құжаттарды жүктейсіз және ісіңіздің барысын бақылайсыз.
sign-up-button = Тіркелгі жасау
sign-in-title = Кіру
sign-in-lead = Тіркелгіңіздің электрондық пошта мекенжайымен және құпиясөзімен кіріңіз.
sign-in-button = Кіру
reset-title = Құпиясөзді қалпына келтіру
reset-lead = Тіркелгіңіздің электрондық пошта мекенжайын енгізіңіз. Жаңа құпиясөз орнату үшін сілтеме жібереміз.
reset-button = Сілтемені жіберу
new-password-title = Жаңа құпиясөз
new-password-lead = Жаңа құпиясөз таңдаңыз. Басқа барлық құрылғыларда тіркелгіден шығасыз.
new-password-button = Құпиясөзді сақтау
account-have-account = Менде тіркелгі бар: кіру
account-no-account = Менде әлі тіркелгі жоқ: жасау
account-forgot = Құпиясөзімді ұмыттым
account-go-sign-in = Кіруге өту
check-email-title = Поштаңызды тексеріңіз
check-email-body = Көрсетілген мекенжайға сілтеме жібердік. Мекенжайды растау үшін оны 3 күн ішінде ашыңыз, содан кейін кіріңіз. Хат келмесе, «Спам» қалтасын тексеріңіз.
verified-title = Электрондық пошта мекенжайыңыз расталды
verified-body = Енді кіре аласыз.
verify-failed-title = Бұл сілтеме жұмыс істемейді
verify-failed-body = Сілтеменің мерзімі өтіп кеткен немесе ол бұрын пайдаланылған. Кіріңіз: мекенжайыңыз әлі расталмаған болса, жаңа сілтеме жібереміз.
reset-sent-title = Поштаңызды тексеріңіз
reset-sent-body = Осы мекенжаймен тіркелгі болса, оған жаңа құпиясөз орнату сілтемесін жібердік. Сілтеме 1 сағат жарамды.
reset-failed-title = Бұл сілтеме жұмыс істемейді
reset-failed-body = Сілтеменің мерзімі өтіп кеткен немесе ол бұрын пайдаланылған. Жаңасын сұраңыз.
password-changed-title = Құпиясөзіңіз өзгертілді
password-changed-body = Жаңа құпиясөзбен кіріңіз. Қалған барлық сеанстар аяқталды.
account-title = Жеке кабинет
account-signed-in-as = Сіз { $email } ретінде кірдіңіз.
account-sign-out = Шығу
account-inbox = Хабарлар
account-inbox-empty = Әзірге хабар жоқ.
err-email-required = Электрондық пошта мекенжайын енгізіңіз
err-email-invalid-email = Электрондық пошта мекенжайын дұрыс пішінде енгізіңіз, мысалы name@example.com
err-email-wrong-credentials = Электрондық пошта мекенжайы немесе құпиясөз дұрыс емес
err-email-locked = Осы жерден кіру әрекеті тым көп. { $when } қайта көріңіз немесе құпиясөзді қалпына келтіріңіз.
err-email-unverified = Электрондық пошта мекенжайыңыз әлі расталмаған. Жаңа сілтеме жібердік: оны ашып, содан кейін кіріңіз.
err-email-rate-limited = Осы жерден тым көп тіркелгі жасалды. { $when } қайта көріңіз.
err-email-too-many-links = Осы жерден тым көп сілтеме сұралды. { $when } қайта көріңіз.
err-password-required = Құпиясөзді енгізіңіз
err-password-too-short = Құпиясөзде кемінде 10 таңба болуы керек
err-password-too-long = Құпиясөзде ең көбі 128 таңба болуы керек
err-password-too-common = Бұл құпиясөзді табу тым оңай. Басқасын таңдаңыз.
err-password-confirm-required = Құпиясөзді қайталаңыз
err-password-confirm-mismatch = Екі құпиясөз бірдей емес
err-token-required = Сілтеме толық емес. Хаттағы сілтемені толығымен ашыңыз.
err-token-invalid-token = Сілтеменің мерзімі өтіп кеткен немесе ол бұрын пайдаланылған
err-lang-unknown = Тілді таңдаңыз: kk, ru немесе en
mail-verify-subject = «Ата жолы» картасы үшін электрондық пошта мекенжайыңызды растаңыз
mail-verify-body = Сәлеметсіз бе!

    Электрондық пошта мекенжайыңызды растап, тіркелгі жасауды аяқтау үшін мына сілтемені 3 күн ішінде ашыңыз:

    { $link }

    Егер тіркелгі жасамаған болсаңыз, бұл хатқа назар аудармаңыз.

    «Ата жолы» картасы қызметі
mail-exists-subject = Біреу сіздің мекенжайыңызбен тіркелгі жасамақ болды
mail-exists-body = Сәлеметсіз бе!

    Біреу осы электрондық пошта мекенжайымен «Ата жолы» картасы тіркелгісін жасамақ болды, бірақ мұндай тіркелгі бар. Егер бұл сіз болсаңыз, мына жерден кіріңіз:

    { $link }

    Құпиясөзді ұмытсаңыз, оны кіру бетінде қалпына келтіре аласыз. Егер бұл сіз болмасаңыз, ештеңе істеудің қажеті жоқ.

    «Ата жолы» картасы қызметі
mail-reset-subject = «Ата жолы» картасы тіркелгісінің жаңа құпиясөзі
mail-reset-body = Сәлеметсіз бе!

    Жаңа құпиясөз орнату үшін мына сілтемені 1 сағат ішінде ашыңыз:

    { $link }

    Егер сұрамаған болсаңыз, бұл хатқа назар аудармаңыз: құпиясөзіңіз өзгермейді.

    «Ата жолы» картасы қызметі
mail-password-changed-subject = Құпиясөзіңіз өзгертілді
mail-password-changed-body = Сәлеметсіз бе!

    «Ата жолы» картасы тіркелгіңіздің құпиясөзі жаңа ғана өзгертілді, барлық сеанстар аяқталды. Егер мұны сіз істемесеңіз, құпиясөзді дереу қалпына келтіріп, қолдау орталығына (1404) хабарласыңыз.

    «Ата жолы» картасы қызметі
inbox-welcome-subject = Қош келдіңіз
inbox-welcome-body = Электрондық пошта мекенжайыңыз расталды. Мұнда өтінішіңіз туралы барлық хабар болады — электрондық поштаға жіберетін хабарлармен бірдей.
error-too-large = Файл немесе сұрау тым үлкен
save-continue = Сақтау және жалғастыру
nav-applications = Өтініштеріңіз
app-list-title = Өтініштеріңіз
app-list-office = Мекемеңіз, { $office }, берген өтініштер.
app-col-reference = Нөмірі
app-col-name = Аты-жөні
app-col-status = Мәртебесі
app-col-updated = Соңғы өзгеріс
app-col-channel = Берілген жері
app-draft-n = Жоба { $n }
app-list-empty = Әзірге өтінішіңіз жоқ.
app-unnamed = (аты-жөні әлі жазылмаған)
app-new-title = Жаңа өтініш бастау
app-new-lead = Жауаптарыңызды сақтап, кез келген уақытта қайта орала аласыз. Төлқұжатыңызды дайын ұстаңыз.
app-new-button = Жаңа өтініш бастау
app-field-applicant-email = Өтініш берушінің электрондық поштасы (міндетті емес)
app-hint-applicant-email = Іс бойынша хабарламалар осы мекенжайға келеді. Өтініш берушіде пошта болмаса, бос қалдырыңыз.
app-field-notify-office = Хабарламаларды біздің мекемеге де жіберу
app-overview-title = Өтінішіңіз
app-no-reference = өтінішті бергенде беріледі
app-duplicates-title = Қайталануы мүмкін өтініштер
app-corrections-lead = Қызметкер түзетулер енгізуді сұрады. Ашық тармақтарды өзгертіп, өтінішті қайта беріңіз.
app-tasks-title = Мына бөлімдерді толтырыңыз
app-mrz-link = Төлқұжат деректерін төлқұжаттың машинамен оқылатын жолдарынан толтыру
app-task-done = Толтырылды
app-task-todo = Толтырылмаған
app-check-link = Жауаптарды тексеріп, өтінішті беру
app-notices-title = Хабарламаларды кім алады
app-history-title = Тарихы
app-status-draft = Жоба
app-status-submitted = Тапсырылды
app-status-corrections-requested = Түзету қажет
app-event-create = Басталды
app-event-submit = Тапсырылды
app-event-resubmit = Түзетуден кейін қайта тапсырылды
app-event-request-corrections = Түзету сұралды
app-role-applicant = өтініш беруші
app-role-intermediary = делдал
app-role-officer = қызметкер
app-duplicate-passport = төлқұжат нөмірі бірдей
app-duplicate-name-and-birth-date = аты-жөні мен туған күні бірдей
app-channel-web = сайт
app-channel-app = мобильді қосымша
app-channel-embassy = Қазақстан елшілігі
app-channel-department = өңірлік басқарма
app-channel-foundation = «Отандастар» қоры
app-notice-applicant-email = Өтініш беруші: { $email } мекенжайына электрондық пошта арқылы.
app-notice-applicant-none = Өтініш беруші электрондық пошта мекенжайын бермеді: хабарламалар тек төменде көрсетілгендерге барады.
app-notice-inbox = Өтініш берушінің тіркелгісі: әр хабарлама «Хабарлар» бөлімінде де шығады.
app-mrz-title = Төлқұжаттың машинамен оқылатын жолдары
app-mrz-hint = Төлқұжаттың суретті бетінің төменгі жағындағы әріптерден, сандардан және < белгілерінен тұратын екі жол. Екі жолды дәл теріңіз немесе қойыңыз. Бақылау сандары тексеріледі.
app-mrz-button = Деректерімді толтыру
app-documents-title = Құжаттар
app-documents-lead = Әр құжатты көлемі { $mb } МБ-тан аспайтын PDF, JPEG немесе PNG файлымен жүктеңіз. Қазақ немесе орыс тілінде емес құжатқа оның қазақ немесе орыс тіліне нотариалды куәландырылған аудармасы да қажет.
app-doc-foreign = басқа тілде
app-doc-remove = Жою
app-doc-role-legend = Бұл файл —
app-doc-choice-original-kk = қазақ немесе орыс тіліндегі құжат
app-doc-choice-original-foreign = басқа тілдегі құжат
app-doc-choice-translation = қазақ немесе орыс тіліне нотариалды куәландырылған аударма
app-doc-role-original = құжат
app-doc-role-translation = нотариалды аударма
app-doc-file = Файл: { $name }
app-doc-file-hint = PDF, JPEG немесе PNG, ең көбі { $mb } МБ.
app-doc-progress = Жүктеу барысы
app-doc-upload = Жүктеу
app-doc-done = Өтінішке оралу
app-doc-missing = файл қажет
app-doc-translation-missing = нотариалды аударма қажет
app-doc-count = { $n } файл
app-declaration-title = Мәлімдеме
app-declaration = Өтінішті бере отырып, мәліметтердің шын және толық екенін растайсыз. Қызметкер түзету сұрамаса, берілген өтінішті өзгертуге болмайды.
app-submit = Өтінішті беру
app-submitted-title = Өтініш берілді
app-submitted-reference = Өтінішіңіздің нөмірі:
app-submitted-next = Өңірлік басқарма өтінішіңізді тексеріп, 1 жұмыс күні ішінде тексеру сұрауларын жібереді. Әр өзгеріс туралы сізге хабарланады.
app-step-names-title = Аты-жөніңіз
app-step-names-lead = Төлқұжаттағыдай латын әріптерімен және қазақ кириллицасымен.
app-step-birth-title = Туған күніңіз бен жынысыңыз
app-step-birth-lead = Төлқұжаттағыдай.
app-step-passport-title = Азаматтығыңыз бен төлқұжатыңыз
app-step-passport-lead = Келетін төлқұжатыңыз. Карта осы төлқұжаттан ұзақ жарамды бола алмайды.
app-step-contact-title = Байланыс деректері
app-step-contact-lead = Сізбен қалай байланысуға болады.
app-step-residence-title = Тұратын жеріңіз
app-step-residence-lead = Тұрақты тұратын еліңіз бен мекенжайыңыз.
app-step-ethnicity-title = Қазақ ұлты
app-step-ethnicity-lead = Этникалық қазақ екеніңізді қалай растайсыз.
app-step-category-title = Санат
app-step-category-lead = Карта үш санаттың бірі бойынша беріледі.
app-step-profession-1-title = Мамандығыңыз (№ 1587 Жарлық)
app-step-profession-1-lead = Мамандығыңызды тізімнен таңдаңыз. Келесі бетте оның талаптарына қалай сәйкес келетініңізді жазасыз.
app-step-profession-2-title = Сұранысқа ие мамандығыңыз
app-step-profession-2-lead = Мамандығыңызды ұлттық кәсіптер жіктеуішінің коды бойынша таңдаңыз.
app-step-business-title = Бизнесіңіз
app-step-business-lead = Тұратын немесе азаматтығы бар еліңізде тіркелген және жұмыс істеп тұрған бизнес.
app-step-region-title = Қоныстанатын өңір
app-step-region-lead = Қазақстанның қай жерінде тұрып, жұмыс істегіңіз келеді. Оны өзіңіз таңдайсыз.
app-step-consent-title = Дербес деректерді өңдеуге келісім
app-step-consent-lead = Деректеріңіз «Дербес деректер және оларды қорғау туралы» Заңға сәйкес тек өтініш бойынша шешім қабылдау және карта беру үшін пайдаланылады.
app-field-surname-latin = Тегі латын әріптерімен
app-field-given-names-latin = Аты латын әріптерімен
app-field-surname-kk = Тегі қазақша (кириллица)
app-field-given-names-kk = Аты қазақша (кириллица)
app-hint-surname-latin = Төлқұжатта жазылғандай, мысалы BEKOV.
app-field-birth-date = Туған күні
app-hint-birth-date = Мысалы, 27 3 1990.
app-field-sex = Жынысы
app-opt-sex-F = Әйел
app-opt-sex-M = Ер
app-field-citizenship = Азаматтығы
app-field-passport-number = Төлқұжат нөмірі
app-field-passport-issued = Берілген күні
app-field-passport-expires = Жарамдылық мерзімі
app-field-phone = Телефон нөмірі
app-hint-phone = Ел кодымен, мысалы +976 9911 2233.
app-field-contact-email = Электрондық пошта мекенжайы
app-field-residence-country = Тұратын елі
app-field-residence-address = Мекенжайы
app-field-ethnicity = Қазақ ұлтыңыз қалай расталады?
app-opt-ethnicity-in-id = Төлқұжатымда немесе жеке куәлігімде қазақ екенім жазылған
app-opt-ethnicity-certificate = Елімнің ұлтты растайтын ресми анықтамасымен
app-field-category = Қай санат бойынша өтініш бересіз?
app-opt-category-1 = 1: Президенттің № 1587 Жарлығындағы мамандық
app-opt-category-2 = 2: сұранысқа ие мамандық
app-opt-category-3 = 3: менің бизнесім бар
app-field-cat1-row = Мамандық
app-field-cat1-evidence = Әр талапқа қалай сәйкес келесіз
app-hint-cat1-evidence = Мамандықтың әр талабы бойынша ғылыми дәрежеңізді, сертификаттарыңызды, тәжірибеңізді және еңбектеріңізді атаңыз. Растайтын құжаттарды кейін жүктейсіз.
app-field-cat2-code = Мамандық
app-field-business-name = Бизнестің атауы
app-field-business-reg-number = Тіркеу нөмірі
app-field-business-country = Тіркелген елі
app-field-business-reg-date = Тіркелген күні
app-field-business-activity = Бизнестің қызмет түрі
app-field-region = Облыс немесе қала
app-field-consent = Осы өтініш үшін дербес деректерімді өңдеуге келісемін
app-problem-required = { $label }: жауап беріңіз
app-problem-too-long = { $label }: мәтін тым ұзын
app-problem-latin-only = { $label }: төлқұжаттағыдай тек латын әріптерін пайдаланыңыз
app-problem-cyrillic-only = { $label }: тек қазақ кириллицасының әріптерін пайдаланыңыз
app-problem-invalid-date = { $label }: нақты күнді енгізіңіз
app-problem-in-future = { $label }: күн өткен уақытта болуы керек
app-problem-too-old = { $label }: жыл 1900-ден ерте болмауы керек
app-problem-unknown = { $label }: нұсқалардың бірін таңдаңыз
app-problem-citizen-kz = Қазақстан азаматы «Ата жолы» картасын ала алмайды
app-problem-invalid-passport-number = { $label }: төлқұжаттағыдай 5-тен 20-ға дейін латын әрпі мен сан
app-problem-before-birth = { $label }: төлқұжат туған күннен бұрын берілуі мүмкін емес
app-problem-expired = Төлқұжатыңыздың мерзімі өтіп кеткен: өтініш бермес бұрын оны жаңартыңыз, себебі карта төлқұжаттан ұзақ жарамды бола алмайды
app-problem-before-issue = { $label }: жарамдылық мерзімі берілген күннен кейін аяқталуы керек
app-problem-invalid-phone = { $label }: нөмірді ел кодымен енгізіңіз, мысалы +976 9911 2233
app-problem-invalid-email = { $label }: name@example.com сияқты мекенжай енгізіңіз
app-problem-consent-required = Дербес деректеріңізді өңдеуге келісім белгісін қойыңыз
app-problem-unknown-field = { $label }: бұл өріс өтінішке жатпайды
app-problem-not-editable = { $label }: мұны қазір өзгертуге болмайды
app-problem-required-without-email = Өтініш берушінің электрондық поштасы болмаса, хабарламаларды мекеме алуы керек
app-problem-invalid = { $label }: бұл мән жарамсыз
err-mrz-mrz-format = Екі жолдың әрқайсысын 44 таңбадан, төлқұжатта басылғандай дәл енгізіңіз
err-mrz-mrz-check-digit = Бақылау саны сәйкес келмейді: бір таңба қате терілген немесе оқылған. Екі жолды төлқұжатпен салыстырыңыз.
err-mrz-mrz-date = Жолдардағы күн жоқ күн: оларды төлқұжатпен салыстырыңыз
err-mrz-not-editable = Төлқұжат деректерін қазір өзгертуге болмайды
err-file-required = Жүктейтін файлды таңдаңыз
err-file-empty = Файл бос
err-file-unsupported-type = Файл PDF, JPEG немесе PNG болуы керек (атауы емес, мазмұны шешеді)
err-file-polyglot = Файлда құжаттан басқа да нәрсе бар. Оны қайтадан қарапайым PDF, JPEG немесе PNG ретінде сақтаңыз.
err-file-too-large = Файл тым үлкен. Оны кішірейтіңіз, мысалы төменірек ажыратымдылықпен сканерлеңіз.
err-file-limit-reached = Өтініште файлдар саны шегіне жетті. Алдымен бір файлды жойыңыз.
err-file-not-editable = Құжаттарды қазір өзгертуге болмайды
err-file-interrupted = Жүктеу үзілді. Қайта көріңіз.
err-item-unknown = Тізімнен құжатты таңдаңыз
err-role-unknown = Файл құжат па, әлде оның аудармасы ма, көрсетіңіз
err-items-unknown = Түзетілетін тармақтарды атаңыз
err-reason-required = Себебін көрсетіңіз
err-applicant-email-invalid-email = Өтініш берушінің мекенжайын name@example.com түрінде енгізіңіз немесе бос қалдырыңыз
err-notify-office-required-without-email = Өтініш берушінің электрондық поштасы болмаса, хабарламаларды мекеме алуы керек
notice-submitted-subject = «Ата жолы» картасына { $reference } өтінішіңіз берілді
notice-submitted-body = Сәлеметсіз бе!

    «Ата жолы» картасына өтінішіңіз берілді. Өтінішіңіздің нөмірі: { $reference }.

    Өңірлік басқарма оны тексеріп, 1 жұмыс күні ішінде тексеру сұрауларын жібереді. Әр өзгеріс туралы сізге хабарланады. Өтінішіңізді мына жерден бақылаңыз:

    { $link }

    «Ата жолы» картасы қызметі
notice-corrections-requested-subject = { $reference } өтінішіңізге түзету қажет
notice-corrections-requested-body = Сәлеметсіз бе!

    Қызметкер { $reference } өтінішіңіздің кейбір тармақтарын түзетуді сұрайды. Тек сол тармақтарды өзгертуге болады. Өтінішіңізді ашып, оларды түзетіп, қайта беріңіз:

    { $link }

    «Ата жолы» картасы қызметі
notice-office-submitted-subject = Мекемеңіз ресімдеген { $reference } өтініші берілді
notice-office-submitted-body = Мекемеңіз ресімдеген { $reference } өтініші берілді. Ол бойынша әр хабарламаның көшірмесін аласыз.
account-field-code = Аутентификатор қосымшасындағы код
account-hint-code = Қосымша Ata Zholy үшін қазір көрсетіп тұрған 6 сан.
sign-in-code-title = Қауіпсіздік кодын енгізіңіз
sign-in-code-lead = Қызметкерлер екінші фактормен кіреді. Аутентификатор қосымшасын ашыңыз.
sign-in-code-button = Жалғастыру
err-code-required = Аутентификатор қосымшасындағы 6 таңбалы кодты енгізіңіз
err-code-invalid = Код дұрыс емес немесе бұрын пайдаланылған. Келесі кодты күтіп, қайта көріңіз.
err-code-locked = Қате код тым көп. { $when } қайта көріңіз.
err-code-no-second-factor = Бұл қызметкер тіркелгісінде екінші фактор жоқ. Әкімшіге хабарласыңыз.
app-step-requirements-1-title = Талаптарға қалай сәйкес келесіз
app-step-requirements-1-lead = Төмендегі мамандығыңыздың әр талабы бойынша оған сәйкес келетін ғылыми дәрежеңізді, сертификаттарыңызды, тәжірибеңізді және еңбектеріңізді сипаттаңыз.
app-requirements-of = Мамандыққа қойылатын талаптар: { $name }
app-requirements-link = Жарлық тізіміндегі мамандық
notice-checks-pending-subject = { $reference } өтініші: тексерулер сұралды
notice-checks-pending-body = Сәлеметсіз бе!

    Өңірлік басқарма { $reference } өтінішіңізді тексеріп, полиция мен Ұлттық қауіпсіздік комитетіне тексеру сұрауларын жіберді. Олар 5 жұмыс күні ішінде жауап береді.

    { $link }

    «Ата жолы» картасы қызметі
notice-awaiting-iin-subject = { $reference } өтініші: тексерулер аяқталды
notice-awaiting-iin-body = Сәлеметсіз бе!

    { $reference } өтінішіңіз бойынша тексерулер аяқталды. Енді сізге жеке сәйкестендіру нөмірі (ЖСН) беріледі.

    { $link }

    «Ата жолы» картасы қызметі
notice-iin-recorded-subject = { $reference } өтініші: ЖСН берілді
notice-iin-recorded-body = Сәлеметсіз бе!

    Сізге жеке сәйкестендіру нөмірі (ЖСН) берілді. { $reference } өтінішіңіз бойынша шешім 3 жұмыс күні ішінде қабылданады.

    { $link }

    «Ата жолы» картасы қызметі
notice-granted-subject = «Ата жолы» картасы берілді: { $reference }
notice-granted-body = Сәлеметсіз бе!

    { $reference } өтінішіңіз бойынша «Ата жолы» картасы берілді. Карта жеке кабинетіңізде пайда болады.

    { $link }

    «Ата жолы» картасы қызметі
notice-refusal-pending-subject = { $reference } өтініші: бас тарту қаралуда
notice-refusal-pending-body = Сәлеметсіз бе!

    Қызметкер { $reference } өтінішіңізден бас тартуды ұсынды. Жеке кабинетте { $date } дейін жауап бере аласыз; бас тарту тек осыдан кейін және басшы қол қойғанда ғана күшіне енеді. Өңірлік басқармаға немесе қолдау орталығына (1404) де хабарласа аласыз.

    { $link }

    «Ата жолы» картасы қызметі
notice-refused-subject = { $reference } өтінішінен бас тартылды
notice-refused-body = Сәлеметсіз бе!

    { $reference } өтінішіңізден бас тарту туралы шешім қабылданды. Негізі мен себебі жеке кабинетіңізде көрсетілген. Шешімге заңда белгіленген тәртіппен шағымдануға болады.

    { $link }

    «Ата жолы» картасы қызметі
nav-cases = Істер
app-status-checks-pending = Тексерулер сұралды
app-status-awaiting-iin = ЖСН күтілуде
app-status-iin-recorded = Шешім күтілуде
app-status-granted = Карта берілді
app-status-refusal-pending = Бас тарту басшының қолын күтуде
app-status-refused = Бас тартылды
app-event-send-checks = Тексерулер сұралды
app-event-checks-answered = Тексеру жауаптары келді
app-event-record-iin = ЖСН енгізілді
app-event-grant = Карта берілді
app-event-propose-refusal = Бас тарту ұсынылды
app-event-countersign = Бас тартуға басшы қол қойды
app-event-return-refusal = Бас тарту қызметкерге қайтарылды
app-role-supervisor = басшы
app-role-system = жүйе
app-role-checker-police = полиция
app-role-checker-knb = Ұлттық қауіпсіздік комитеті
app-role-auditor = аудитор
case-queue-title = Істер кезегі
case-queue-lead = { $office } мекемесі: { $total } іс.
case-any = Кез келген
case-overdue-only = Тек мерзімі өткендер
case-filter = Іріктеу
case-col-due = Заңдағы мерзім
case-overdue = мерзімі { $days } жұмыс күніне өтті
case-days-left = { $days } жұмыс күні қалды
case-pages = Беттер
case-prev = Алдыңғы бет
case-next = Келесі бет
case-page-of = { $pages } беттің { $page }-беті
case-title = { $reference } ісі
case-iin = ЖСН
case-actions = Әрекеттер
case-send-checks = Тексеру сұрауларын жіберу
case-correct-items = Түзетілетін тармақтар
case-correct-items-hint = Үтір арқылы: қадамдар (names, contact, ...) және құжаттар (doc:passport, ...).
case-reason = Себебі
case-request-corrections = Түзету сұрау
case-record-iin = ЖСН енгізу
case-grant = Картаны беру
case-ground = Бас тарту негізі
case-propose-refusal = Бас тартуды ұсыну
case-countersign = Бас тартуға қол қою
case-return = Бас тартуды қайтару
case-answers = Жауаптар
case-verdict = Шешім
case-verdict-accepted = қабылданды
case-verdict-rejected = қабылданбады
case-save = Сақтау
case-checks = Тексерулер
case-check-waiting = жауап мерзімі { $date }
case-notes = Жазбалар
case-note = Жаңа жазба
case-agency-police = Полиция
case-agency-knb = Ұлттық қауіпсіздік комитеті
case-result-no-information = Мәлімет жоқ
case-result-adverse = Теріс мәлімет
checks-title = Тексерулер: { $agency }
checks-lead = Тек тексеруге қажетті мәліметтер көрсетіледі. 5 жұмыс күні ішінде жауап беріңіз.
checks-result = Нәтиже
checks-reference = Жауабыңыздың нөмірі
checks-send = Жауапты жіберу
checks-none = Ашық сұрау жоқ.
err-status-wrong-state = Істің қазіргі күйінде бұл әрекет мүмкін емес
err-check-closed = Сұрауға жауап берілген немесе іс жабылған
err-countersign-own-proposal = Бас тартуға оны ұсынған адам емес, басқа адам қол қояды
err-ground-unknown = Бас тарту негізін тізімнен таңдаңыз
err-verdict-unknown = Қабылданды немесе қабылданбады деп таңдаңыз
err-document-unknown = Осы істің құжатын таңдаңыз
err-note-required = Жазбаны жазыңыз (ең көбі 4000 таңба)
err-result-required = Тексеру нәтижесін таңдаңыз
err-reference-required = Жауап нөмірін көрсетіңіз (ең көбі 100 таңба)
err-iin-iin-format = ЖСН 12 саннан тұрады
err-iin-iin-check-digit = ЖСН-нің бақылау саны қате: оны анықтамамен салыстырыңыз
err-iin-iin-date = ЖСН-де жоқ туған күн көрсетілген
err-iin-iin-birth-date-mismatch = ЖСН-дегі туған күн өтініштегіден өзгеше
err-iin-iin-sex-mismatch = ЖСН-дегі жыныс өтініштегіден өзгеше
err-iin-no-birth-date = Өтініште ЖСН-мен салыстыратын туған күн жоқ
deadline-reminder-subject = Мерзімі бүгін: { $reference } ісі
deadline-reminder-body = { $reference } ісі бойынша заңдағы мерзім бүгін, { $date }, аяқталады.
deadline-escalation-subject = Мерзімі өтті: { $reference } ісі
deadline-escalation-body = { $reference } ісі бойынша заңдағы мерзім { $date } өтіп кетті. Істі басқа қызметкерге беріңіз немесе шара қолданыңыз.
check-escalation-subject = Тексеру мерзімі өтті: { $reference }
check-escalation-body = { $reference } бойынша ведомство жауабы { $date } дейін күтілді, бірақ келмеді.
app-refusal-title = Қызметкер өтінішіңізден бас тартпақ
app-refusal-lead = { $date } дейін жауап бере аласыз. Бас тарту тек осыдан кейін және басшы қол қойғанда ғана күшіне енеді.
app-refusal-response = Сіздің жауабыңыз
app-refusal-send = Жауапты жіберу
app-event-respond = Болжамды бас тартуға жауап
app-event-reassign = Басқа мекемеге берілді
case-reassign-to = Мекемеге беру
case-reassign = Істі беру
err-response-required = Жауабыңызды жазыңыз (ең көбі 4000 таңба)
err-response-not-open = Жауап беретін болжамды бас тарту жоқ
err-countersign-window-open = Өтініш беруші әлі жауап бере алады: бас тартуға мерзім біткеннен кейін қол қоюға болады
err-office-unknown = Басқа өңірлік басқарманы таңдаңыз
dash-title = Жиынтық
dash-times = Өтініш берілгеннен шешімге дейінгі жұмыс күндері
dash-decided = Шешім қабылданған істер
dash-median = Медиана (жұмыс күні)
dash-p90 = 90-процентиль (жұмыс күні)
dash-overdue = Мекеменің мерзімі өткен істері
dash-none-overdue = Мекемеде мерзімі өткен іс жоқ.
dash-by-status = Мәртебелер бойынша істер
dash-by-office = Мекемелер бойынша істер
dash-counts = Мекемелер мен мәртебелер бойынша істер
dash-office = Мекеме
dash-count = Істер
dash-load = Қызметкерлер бойынша ашық істер
admin-title = Әкімшілік
admin-created = { $email } тіркелгісі: бұл деректерді бір рет беріңіз, олар қайта көрсетілмейді.
admin-password = Құпиясөз:
admin-factor = Екінші фактор (аутентификатор қосымшасына сканерлеңіз):
admin-staff = Қызметкерлер
admin-role = Рөлі
admin-office = Мекеме
admin-factor-col = Екінші фактор
admin-reset-factor = Екінші факторды қалпына келтіру
admin-new-staff = Жаңа қызметкер тіркелгісі
admin-office-hint = embassy-MN, department-KZ-75 немесе foundation; тексерушілер, аудиторлар және әкімшілер үшін бос.
admin-create = Тіркелгі жасау
admin-calendar = Жұмыс күндерінің күнтізбесі
admin-year = Құрбан айт { $date }, демалыс күндерін ауыстыру саны: { $transfers }
admin-unverified = тексерілмеген
admin-year-field = Жыл
admin-kurban = Құрбан айттың бірінші күні
admin-transfers = Демалыс күндерін ауыстыру
admin-transfers-hint = Әр жолға біреуден: демалыс күні, жұмыс күніне айналатын демалыс күні және акт (ЖЖЖЖ-АА-КК ЖЖЖЖ-АА-КК сілтеме).
admin-source = Дереккөз
admin-verified = Жарияланған актімен салыстырылды
admin-save-year = Жылды сақтау
err-email-taken = Бұл мекенжаймен тіркелгі бар
err-office-unfit = Мекеме рөлге сәйкес келмейді немесе жоқ
err-role-not-a-role = Тізімнен рөл таңдаңыз
err-role-own-role = Өзіңізден әкімші рөлін ала алмайсыз
err-transfers-invalid-date = Әр ауыстыруға ЖЖЖЖ-АА-КК түріндегі екі күн қажет
err-transfers-reference-required = Әр ауыстыруға акт қажет
err-transfers-invalid-calendar = Деректер күнтізбе ережелеріне сәйкес емес (демалыс күні сенбі не жексенбіге түседі, жұмыс күні жұмыс күніне түседі немесе күн жылдан тыс)
err-kurban-ait-invalid-date = Күнді ЖЖЖЖ-АА-КК түрінде көрсетіңіз
err-year-invalid-date = Жылды көрсетіңіз
err-source-required = Дереккөзді көрсетіңіз

## Карта
account-cards = Сіздің «Ата жолы» карталарыңыз
card-list-title = Сіздің «Ата жолы» карталарыңыз
card-list-empty = Әзірге карта жоқ. Өтініш бойынша оң шешім шыққан күні ол осында пайда болады.
card-number = Карта нөмірі
card-state = Күйі
card-title = { $number } картасы
card-replaced-by = Жаңа картамен ауыстырылды
card-state-valid = Жарамды
card-state-invalidated = Жарамсыз: иесі Қазақстан азаматтығын алды
card-state-revoked = Кері қайтарылды
card-state-expired = Мерзімі өтті
card-state-superseded = Жаңа картамен ауыстырылды
card-field-name-latin = Тегі, аты (паспорттағыдай)
card-field-name-kk = Тегі, аты қазақша
card-field-birth-date = Туған күні
card-field-citizenship = Азаматтығы
card-field-passport = Паспорт
card-field-valid-from = Жарамдылығы басталған күн
card-field-valid-until = Жарамдылығы аяқталатын күн
card-qr-title = QR-код
card-qr-hint = Бұл кодты немесе басып шығарылған картаны жұмыс берушіге, ауруханада, мектепте немесе шекарада көрсетіңіз. Оны кез келген телефонмен, тіпті интернетсіз де тексеруге болады.
card-qr-alt = { $number } картасының QR-коды
card-download-pdf = Басып шығаруға арналған картаны жүктеу (PDF)
card-download-svg = QR-кодты жүктеу (SVG)
card-download-png = QR-кодты жүктеу (PNG)
card-qr-text = QR-код мәтін түрінде
card-log-title = Картаңызды кім тексерді
card-log-hint = Осы қызмет арқылы жасалған барлық тексеру осында көрсетіледі. Жүктелген кілттер жинағы бойынша интернетсіз жасалған тексерулер із қалдырмайды.
card-log-when = Қашан
card-log-who = Кім
card-log-how = Қалай
card-log-result = Нәтиже
card-log-empty = Бұл картаны интернет арқылы әлі ешкім тексерген жоқ.
card-reissue-pending = Сіз жаңа паспорт туралы хабарладыңыз. Қызметкер оны тексеріп жатыр; жаңа карта тізіміңізде пайда болады.
card-passport-title = Жаңа паспорт алдыңыз ба?
card-passport-hint = Ол туралы осында хабарлаңыз. Қызметкер тексергеннен кейін жаңа паспортқа жаңа карта беріледі, ал бұл карта ауыстырылады.
card-passport-submit = Жаңа паспорт туралы хабарлау
card-history-title = Карта тарихы
card-event-issue = Берілді
card-event-invalidate = Жарамсыз деп танылды
card-event-propose-revocation = Кері қайтару ұсынылды
card-event-revoke = Кері қайтарылды
card-event-return-revocation = Кері қайтару ұсынысы қайтарылды
card-event-report-passport = Жаңа паспорт туралы хабарланды
card-event-reissue = Жаңа картамен ауыстырылды
card-event-return-reissue = Жаңа паспорт қабылданбады
card-event-expire = Мерзімі өтті
card-pdf-title = «Ата жолы» картасы
card-pdf-issuer = Қазақстан Республикасы
card-pdf-note = Картаны контур бойымен қиып алып, үзік сызық бойымен бүктеп, екі жартысын желімдеңіз. Картаны кез келген адам QR-кодты сканерлеп немесе { $url } мекенжайында тексере алады. QR-кодта тек алдыңғы бетте басылған мәліметтер бар.
card-notice-invalidated-subject = Сіздің { $number } «Ата жолы» картаңыз енді жарамсыз
card-notice-invalidated-body = Сәлеметсіз бе, Қазақстан Республикасының азаматтығын алуыңызға байланысты { $number } «Ата жолы» картаңыз жарамсыз болды. Құттықтаймыз. Толығырақ: { $link }
card-notice-revoked-subject = Сіздің { $number } «Ата жолы» картаңыз кері қайтарылды
card-notice-revoked-body = Сәлеметсіз бе, { $number } «Ата жолы» картаңыз кері қайтарылды. Негізі карта бетінде көрсетілген: { $link }
card-notice-reissued-subject = Жаңа «Ата жолы» картасы { $number } картасын ауыстырады
card-notice-reissued-body = Сәлеметсіз бе, жаңа паспортыңыз қабылданды және оған жаңа карта берілді. { $number } картасы ауыстырылды. Карталарыңыз: { $link }
card-notice-reissue-returned-subject = { $number } картасы үшін жаңа паспорт қабылданбады
card-notice-reissue-returned-body = Сәлеметсіз бе, қызметкер сіз хабарлаған жаңа паспортты қабылдай алмады. Деректерді тексеріп, қайта хабарлаңыз: { $link }
verify-title = «Ата жолы» картасын тексеру
verify-intro = Карта нөмірін енгізіңіз немесе оның QR-кодының мәтінін қойыңыз. QR-код толық жауап береді; тек нөмір осындай жарамды карта бар-жоғын ғана айтады, ал иесінің туған күнімен бірге картаның күйін және аты-жөнінің бас әріптерін көрсетеді.
verify-kind = Кім тексереді
verify-kind-employer = Жұмыс беруші
verify-kind-hospital = Аурухана немесе емхана
verify-kind-school = Мектеп немесе жоғары оқу орны
verify-kind-border = Шекара қызметі
verify-kind-bank = Банк
verify-kind-other = Басқа
verify-channel-number = карта нөмірі бойынша
verify-channel-qr = QR-код бойынша, осы сайтта
verify-channel-api = QR-код бойынша, API арқылы
verify-number-hint = 12 таңба, мысалы AZ0000010427
verify-qr = QR-код мәтіні
verify-qr-hint = AZ1: деп басталады
verify-scan = QR-кодты камерамен сканерлеу
verify-submit = Картаны тексеру
verify-offline = Карталарды интернетсіз тексеру үшін кілттер жинағын ({ $keys }) және күйлер тізімін күніне бір рет жүктеп, atajoly verify командасын немесе жарияланған форматқа сай кез келген тексеру бағдарламасын пайдаланыңыз.
verify-match-passport = Тегін, атын, туған күнін және азаматтығын сізге көрсетілген паспортпен салыстырыңыз.
verify-checked-at = Тексерілген уақыты: { $at }
verify-result-valid = Карта жарамды
verify-result-invalidated = Жарамсыз: иесі Қазақстан азаматы болды
verify-result-revoked = Жарамсыз: карта кері қайтарылды
verify-result-expired = Жарамсыз: мерзімі өтті
verify-result-superseded = Жарамсыз: жаңа картамен ауыстырылды
verify-result-not-yet-valid = Әлі күшіне енген жоқ
verify-result-not-genuine = Бұл түпнұсқа карта емес
verify-explain-valid = Карта Қазақстан Республикасы берген және бүгін жарамды.
verify-explain-invalidated = Иесі Қазақстан азаматтығын алды, сондықтан оған карта енді қажет емес. Қазақстандық жеке басын куәландыратын құжатын сұраңыз.
verify-explain-revoked = Картаны уәкілетті орган кері қайтарды. Оны қабылдамаңыз.
verify-explain-expired = Картаның жарамдылық мерзімі аяқталды. Иесі қайта өтініш бере алады.
verify-explain-superseded = Иесінде жаңа паспортқа берілген жаңа карта бар. Соны сұраңыз.
verify-explain-not-yet-valid = Картаның жарамдылық мерзімі әлі басталған жоқ.
verify-explain-not-genuine = Бұл мәтін Қазақстан берген карта емес немесе ол өзгертілген. Оны толық енгізгеніңізді немесе сканерлегеніңізді тексеріңіз.
verify-code-valid = Жарамды
verify-code-valid-status-unchecked = Түпнұсқа; күйін тексеру мүмкін болмады
verify-code-invalidated = Жарамсыз деп танылған
verify-code-revoked = Кері қайтарылған
verify-code-suspended = Тоқтатылған
verify-code-superseded = Ауыстырылған
verify-code-expired = Мерзімі өткен
verify-code-not-yet-valid = Әлі күшіне енбеген
verify-code-too-long = Мәтін карта үшін тым ұзын
verify-code-wrong-prefix = Мәтін AZ1: деп басталмайды
verify-code-not-base45 = Мәтінде карта QR-кодында болмайтын таңбалар бар
verify-code-truncated = Мәтін қысқартылған: оның бір бөлігі жоқ
verify-code-not-zlib = Мәтін бүлінген
verify-code-not-cose = Мәтін қол қойылған карта емес
verify-code-unknown-key-id = Карта Қазақстан жарияламаған кілтпен қол қойылған
verify-code-bad-signature = Қолтаңба сәйкес келмейді: карта өзгертілген
verify-code-malformed-claims = Карта мазмұны бұрмаланған
verify-code-bad-card-number = Карта нөмірі қате: соңғы таңбасы сәйкес келмейді
verify-code-key-not-usable = Карта берілген күні қолданыста болмаған кілтпен қол қойылған
verify-code-status-list-mismatch = Картаның күйі табылмады
verify-code-status-list-stale = Күйлер тізімі рұқсат етілгеннен ескі
verify-code-status-list-expired = Күйлер тізімінің мерзімі өтті
verify-code-status-index-out-of-range = Картаның күйі табылмады
verify-code-unknown-status = Картаның күйі белгісіз
verify-code-not-found = Мұндай нөмірлі карта жоқ
err-passport-number-same = Карта осы паспортқа берілген: жаңа паспорттың нөмірін енгізіңіз
err-passport-expires-passport-expired = Паспорттың мерзімі өткен: оған карта беру мүмкін емес
err-revocation-ground-unknown = Кері қайтару негізін тізімнен таңдаңыз
err-state-wrong-state = Картаның қазіргі күйінде бұл мүмкін емес немесе сұрау әлдеқашан ашық
err-state-nothing-open = Шешетін ештеңе жоқ: бұл карта бойынша ашық сұрау жоқ
err-state-no-card = Бұл іс бойынша карта әлі берілген жоқ
err-reference-decree-required = Жарлықтың немесе тізілім жазбасының деректемелерін көрсетіңіз (200 таңбаға дейін)
err-qr-required = Карта нөмірін енгізіңіз немесе оның QR-кодының мәтінін қойыңыз
err-number-required = Карта нөмірін енгізіңіз немесе оның QR-кодының мәтінін қойыңыз
case-card-title = Карта
case-card-pending-revocation = Кері қайтару ұсынылды: { $ground }
case-card-pending-reissue = Жаңа паспорт туралы хабарланды: { $passport }
case-card-invalidate = Жарамсыз деп тану: иесі азаматтық алды
case-card-reference = Жарлық немесе тізілім жазбасы
case-card-revoke = Кері қайтаруды ұсыну
case-card-revocation-ground = Кері қайтару негізі
case-card-countersign = Кері қайтаруды растау
case-card-return = Кері қайтару ұсынысын қайтару
case-card-reissue = Жаңа паспортты қабылдап, жаңа карта беру
case-card-reissue-return = Қайтару: жаңа паспортты қабылдау мүмкін емес
case-card-requests-reissue = Тексерілетін жаңа паспорттар
case-card-requests-revocation = Растауды күтетін кері қайтарулар
err-state-revocation-pending = Бұл карта бойынша кері қайтару туралы шешім күтілуде: алдымен соны шешу керек
err-documents-not-reviewed = Карта бермес бұрын барлық құжатты тексеріңіз: кейбірі әлі тексерілмеген
err-documents-rejected = Құжат қабылданбады: түзетуді сұраңыз немесе бас тартуды ұсыныңыз, карта беру мүмкін емес
err-corrections-open = Түзетуге ашылған тармақтар бар: алдымен өтініш беруші өтінішті қайта жіберуі керек
err-iin-citizen = Азаматтық тізілімінің хабарлауынша, осы ЖСН иесі — Қазақстан азаматы: карта беруге болмайды
err-card-holds-valid-card = Бұл адамда жарамды «Ата жолы» картасы бар (ЖСН немесе паспорт бірдей): бір адамға бір карта
card-notice-reinstated-subject = Сіздің { $number } «Ата жолы» картаңыз қайтадан жарамды
card-notice-reinstated-body = Сәлеметсіз бе, азаматтық тізілімі жазбасын түзетті: { $number } «Ата жолы» картаңыз қайтадан жарамды. Толығырақ: { $link }
case-citizen-title = Тізілімнің хабарлауынша, бұл адам — Қазақстан азаматы
case-citizen-body = Хабарлама күшінде тұрғанда карта берілмейді; қате жіберілген болса, тізілім оны кері қайтара алады. Тізілімнің сілтемесі:
app-status-grant-pending = Карта беру басшының қолын күтуде
case-grant-adverse-reason = Теріс мәліметке қарамастан неге карта беру керек
case-grant-adverse-hint = Тексерудің бірі «теріс мәлімет бар» деп жауап берді. Жалғыз өзіңіз бере алмайсыз: себебін жазыңыз; карта беруге басшы қол қояды.
case-propose-grant = Карта беруді ұсыну
case-grant-pending-note = Қызметкер теріс мәліметке қарамастан карта беруді ұсынады; себебі төмендегі тарихта. Қол қойылғанда карта беріледі.
err-reason-adverse-needs-reason = Тексерудің бірі «теріс мәлімет бар» деп жауап берді: картаны неге бәрібір беру керектігін жазыңыз (басшы қол қояды)
app-problem-unchanged = { $label }: түзетуге ашылды, бірақ әлі өзгертілмеді. Өтінішті қайта жібермес бұрын түзетіңіз
app-field-doc-passport = Паспорт файлы
app-field-doc-ethnicity = Ұлты туралы анықтама файлы
app-field-doc-profession = Кәсіп туралы құжаттар
app-field-doc-business = Бизнес туралы құжаттар
app-duplicate-iin = ЖСН бірдей
case-correct-iin = ЖСН-ді түзету
case-iin-new = Дұрыс ЖСН
err-iin-same = Бұл ЖСН бұрыннан жазылған
err-iin-not-recorded = ЖСН әлі жазылмаған: алдымен оны жазыңыз
check-kazakh-title = Сіз этникалық қазақсыз ба?
check-kazakh-hint = «Ата жолы» картасы паспортта не жазылғанына қарамастан тек шетелде тұратын этникалық қазақтарға арналған. Келесі сұрақ — ұлтыңыз қалай расталатыны туралы.
check-kazakh-short = Этникалық қазақ
err-kazakh-required = Этникалық қазақ болсаңыз, «Иә» дегенді таңдаңыз
err-kazakh-unknown = «Иә» немесе «Жоқ» дегенді таңдаңыз
outcome-not-ethnic-kazakh = «Ата жолы» картасы тек шетелде тұратын этникалық қазақтарға арналған, сондықтан ол Сізге арналмаған. Қазақстанда шетел азаматы ретінде жұмыс істеу, оқу немесе тұру үшін еліңіздегі Қазақстан елшілігінен визалар мен рұқсаттар туралы сұраңыз немесе egov.kz порталын қараңыз (бұл кеңес заң мәтіні емес, жобаныкі).
