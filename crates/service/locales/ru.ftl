service-name = Карта «Ата жолы»
skip-to-content = Перейти к основному содержанию
language-switch = Язык
nav-label = Главное меню
nav-card = О карте
nav-rights = Права и ограничения
nav-categories = Кто может получить
nav-professions = Профессии
nav-apply = Как подать заявление
nav-contacts = Помощь и контакты
nav-check = Проверьте, подходите ли вы
nav-api = API для разработчиков
footer-reference = Официальным является текст правовых актов на казахском языке. Тексты на русском и английском языках приводятся для информации.
legal-source = Источник
legal-basis = Правовое основание
in-force-from = Действует с { $date }.
rendering-note = Это неофициальный перевод: эталоном служит текст на казахском языке.
origin-reconstructed = В документе-источнике этот текст разорван из-за вёрстки страницы. Мы соединили его, а исходные фрагменты сохранили.
origin-project = Этого текста нет в документе-источнике. Он простыми словами объясняет порядок действий.
home-title = Карта «Ата жолы» для этнических казахов, проживающих за рубежом
home-lead = Карта позволяет этническим казахам, проживающим за рубежом, переехать в Казахстан, чтобы работать или вести бизнес, и при этом сохранить иностранное гражданство.
home-start-check = Проверьте, подходите ли вы
home-facts = Что даёт карта
home-categories = Кто может получить карту
home-next = Что делать дальше
rights-title = Права и ограничения владельца карты
rights-heading = Права владельца карты
restrictions-heading = Чего не может владелец карты
categories-title = Кто может получить карту
categories-lead = Карта предоставляется этническому казаху, проживающему за рубежом, который относится к одной из трёх категорий.
category-n = Категория { $n }
categories-see-list = Все профессии ({ $count }) и требования к ним
category3-documents = Представьте документы, подтверждающие, что бизнес зарегистрирован и работает, с нотариально засвидетельствованным переводом.
category1-title = Категория 1: профессии из Указа Президента РК № 1587
category2-title = Категория 2: востребованные профессии
requirements = Требования
col-field = Область образования
col-code = Код (НКЗ 01-2017)
col-profession = Профессия
row-n = строка { $n }
professions-title = Найдите свою профессию
professions-lead = Ищите по обоим перечням профессий на казахском, русском или английском языке, кириллицей или латиницей.
search-label = Профессия
search-hint = Например: программист, бағдарламашы, нейрохирург
search-button = Найти
search-results = { $count ->
    [one] Найдена { $count } профессия
    [few] Найдено { $count } профессии
    [many] Найдено { $count } профессий
   *[other] Найдено профессий: { $count }
}
search-none = Подходящих профессий не найдено. Попробуйте другое слово или посмотрите перечни категорий 1 и 2.
back-to-list = Вернуться к списку
original-text = Исходный текст на казахском языке
fragments-heading = Исходные фрагменты в документе-источнике
apply-title = Как подать заявление
apply-lead = Подать заявление можно любым из этих способов. Подготовьте документы, перечисленные ниже.
apply-channels = Куда подать заявление
apply-documents = Документы, которые подаются вместе с заявлением
contacts-title = Помощь и контакты
contacts-lead = На вопросы о карте отвечает Центр информационной поддержки кандасов при фонде «Отандастар».
error-bad-request = Не удалось прочитать запрос
error-not-found = Страница не найдена
error-validation = Некоторые данные указаны неверно
error-internal = Извините, на нашей стороне произошла ошибка
error-unavailable = Сервис временно недоступен
error-help = Если вы ввели адрес страницы вручную, проверьте, что он написан правильно. Если проблема не исчезнет, обратитесь в центр поддержки.
error-reference = Ошибка { $code }, запрос { $id }
error-field = { $field }: { $problem }
problem-required = нужно ответить
problem-unknown = неизвестное значение
problem-invalid-date = такой даты не существует
problem-too-far = эта дата слишком далеко в будущем
problem-unknown-field = это поле не входит в запрос
problem-invalid-type = у этого значения неверный тип
problem-too-long = это значение слишком длинное
problem-out-of-range = это значение вне допустимого диапазона
back-home = Перейти на главную страницу
back = Назад
continue = Продолжить
change = Изменить
answer-yes = Да
answer-no = Нет
select-placeholder = Выберите…
error-prefix = Ошибка
error-summary-title = Есть ошибка
date-day = День
date-month = Месяц
date-year = Год
check-title = Проверьте, можете ли вы получить карту «Ата жолы»
check-lead = Ответьте на шесть коротких вопросов. Вы узнаете, какие категории могут вам подойти, какие документы понадобятся и на что обратить внимание.
check-you-need = Вам понадобятся:
check-need-passport = паспорт или удостоверение личности
check-need-profession = сведения о вашей профессии или о вашем бизнесе
check-privacy = Ваши ответы не сохраняются. Проверка носит справочный характер. Решение принимает управление координации занятости и социальных программ области после того, как вы подадите заявление.
check-start = Начать
check-citizenship-title = Какое у вас гражданство?
check-citizenship-hint = Страна, которая выдала ваш паспорт.
check-citizenship-short = Гражданство
check-ethnicity-title = Указана ли в вашем паспорте или удостоверении личности национальность «казах»?
check-ethnicity-hint = Если в вашем документе, удостоверяющем личность, национальность не указана, понадобится официальная справка, подтверждающая национальность.
check-ethnicity-short = Национальность в документе
check-residence-title = В какой стране вы живёте?
check-residence-hint = Страна вашего постоянного проживания.
check-residence-short = Страна проживания
check-profession-title = Какая у вас профессия?
check-profession-hint = Выберите свою профессию, если она есть в одном из двух перечней. Если её нет, выберите «Ничего из перечисленного».
check-profession-short = Профессия
check-profession-group-1 = Категория 1: профессии из Указа Президента РК № 1587
check-profession-group-2 = Категория 2: востребованные профессии
check-profession-group-none = Другое
check-profession-none = Ничего из перечисленного
check-profession-search = Не уверены? Поищите в перечнях профессий
check-business-title = Есть ли у вас бизнес, зарегистрированный и действующий в стране вашего проживания или гражданства?
check-business-hint = Бизнес должен быть зарегистрирован и реально работать.
check-business-short = Бизнес
check-passport-expiry-title = Когда истекает срок действия вашего паспорта?
check-passport-expiry-hint = Например, 27 3 2031. Карта не может действовать дольше вашего паспорта.
check-passport-expiry-short = Дата окончания срока действия паспорта
check-answers-title = Проверьте свои ответы
check-see-result = Посмотреть результат
check-result-title = Ваш результат
err-citizenship-required = Выберите страну вашего гражданства
err-citizenship-unknown = Выберите страну из списка
err-ethnicity-required = Выберите «Да», если в вашем документе, удостоверяющем личность, указана национальность «казах»
err-ethnicity-unknown = Выберите «Да» или «Нет»
err-residence-required = Выберите страну, в которой вы живёте
err-residence-unknown = Выберите страну из списка
err-profession-required = Выберите свою профессию или «Ничего из перечисленного»
err-profession-unknown = Выберите профессию из списка
err-business-required = Выберите «Да», если у вас есть зарегистрированный и действующий бизнес
err-business-unknown = Выберите «Да» или «Нет»
err-passport-expiry-required = Введите дату окончания срока действия паспорта
err-passport-expiry-invalid-date = Дата окончания срока действия паспорта должна быть существующей датой
err-passport-expiry-too-far = Дата окончания срока действия паспорта должна быть в пределах ближайших 25 лет
err-on-invalid-date = Дата должна быть существующей датой в формате ГГГГ-ММ-ДД
err-q-required = Введите слово для поиска
err-q-too-long = Текст для поиска должен быть не длиннее 200 символов
err-limit-out-of-range = Лимит (limit) должен быть целым числом от 1 до 50
outcome-summary-may-apply = Возможно, вы сможете получить карту «Ата жолы».
outcome-summary-cannot-apply = Судя по вашим ответам, сейчас вы не можете получить карту «Ата жолы».
outcome-citizen-kz = Гражданин Казахстана не может быть владельцем карты «Ата жолы»: карта предназначена для иностранных граждан. Если владелец карты получает гражданство Казахстана, карта становится недействительной.
outcome-passport-expired = Срок действия вашего паспорта истёк. Получите новый паспорт до подачи заявления: карта не может действовать дольше паспорта.
outcome-no-category = Вашей профессии нет ни в одном из двух перечней, и у вас нет зарегистрированного бизнеса. Поэтому ни одна из трёх категорий вам не подходит.
outcome-cat1-profession = Ваша профессия ({ $profession }) есть в перечне Указа Президента РК № 1587. Вы должны соответствовать требованиям, установленным для этой профессии.
outcome-cat2-profession = Ваша профессия ({ $profession }) есть в перечне востребованных профессий.
outcome-cat3-business = У вас есть бизнес, зарегистрированный и действующий в стране вашего проживания или гражданства.
outcome-doc-passport = Действительный паспорт или документ, удостоверяющий личность.
outcome-doc-ethnicity = В вашем документе, удостоверяющем личность, не указана национальность. Представьте официальную справку о национальности, выданную компетентными органами страны вашего происхождения.
outcome-doc-profession = Дипломы и сертификаты, подтверждающие вашу профессию.
outcome-doc-business = Документы, подтверждающие, что ваш бизнес зарегистрирован и работает.
outcome-doc-translation = К каждому документу на иностранном языке нужен нотариально засвидетельствованный перевод на казахский или русский язык.
outcome-card-limited-by-passport = Срок действия вашего паспорта закончится раньше, чем через 10 лет. Поэтому карта, выданная сегодня, будет действовать только до { $date }. Получив новый паспорт, вы можете запросить новую карту.
outcome-passport-expiring-soon = Срок действия вашего паспорта истекает в ближайшие 6 месяцев. Лучше получить новый паспорт до подачи заявления.
outcome-resident-in-kz = Карта предназначена для этнических казахов, проживающих за рубежом. Если вы уже живёте в Казахстане, узнайте в центре поддержки, какой статус вам подходит.
outcome-kandas-alternative = Если вы хотите переехать в Казахстан навсегда и получить гражданство Казахстана, вам может больше подойти статус кандаса.
result-blockers = Почему нет
result-categories = Категории, которые могут вам подойти
result-documents = Необходимые документы
result-card-until = Карта, выданная сегодня, действовала бы до { $date }.
result-warnings = Важно знать
result-change-answers = Изменить ответы
result-restart = Начать заново
api-title = API для разработчиков
api-lead = JSON API для мобильного приложения и интеграций. Описание в формате OpenAPI 3.1:
api-parameters = Параметры
api-required = обязательный
api-body = Принимает тело запроса в формате JSON.
api-responses = Ответы
nav-account = Личный кабинет
error-unauthorized = Войдите в систему
error-forbidden = Это действие вам недоступно
error-conflict = Это противоречит текущему состоянию
error-too-many = Слишком много попыток
error-retry = Попробуйте снова { $when }.
retry-when = { $unit ->
        [s] через { $n } { $n ->
            [one] секунду
            [few] секунды
           *[many] секунд
        }
       *[m] через { $n } { $n ->
            [one] минуту
            [few] минуты
           *[many] минут
        }
    }
account-field-email = Адрес электронной почты
account-field-password = Пароль
account-field-password-confirm = Повторите пароль
account-hint-password = Не меньше 10 знаков. Хороший пароль — несколько слов, которые вы запомните.
account-hint-email = Мы отправим на этот адрес ссылку для подтверждения.
sign-up-title = Создать учётную запись
sign-up-lead = С учётной записью вы можете заполнять заявление в несколько приёмов, загружать документы и следить за ходом дела.
sign-up-button = Создать учётную запись
sign-in-title = Вход
sign-in-lead = Войдите с адресом электронной почты и паролем вашей учётной записи.
sign-in-button = Войти
reset-title = Сброс пароля
reset-lead = Введите адрес электронной почты вашей учётной записи. Мы отправим ссылку, чтобы задать новый пароль.
reset-button = Отправить ссылку
new-password-title = Новый пароль
new-password-lead = Выберите новый пароль. На всех других устройствах вы выйдете из учётной записи.
new-password-button = Сохранить пароль
account-have-account = У меня уже есть учётная запись: войти
account-no-account = У меня ещё нет учётной записи: создать
account-forgot = Я забыл(а) пароль
account-go-sign-in = Перейти ко входу
check-email-title = Проверьте почту
check-email-body = Мы отправили ссылку на указанный адрес. Откройте её в течение 3 дней, чтобы подтвердить адрес, затем войдите. Если письма нет, проверьте папку «Спам».
verified-title = Адрес электронной почты подтверждён
verified-body = Теперь вы можете войти.
verify-failed-title = Эта ссылка не работает
verify-failed-body = Срок действия ссылки истёк, или она уже использована. Войдите: если адрес ещё не подтверждён, мы отправим новую ссылку.
reset-sent-title = Проверьте почту
reset-sent-body = Если есть учётная запись с этим адресом, мы отправили на него ссылку для нового пароля. Ссылка действует 1 час.
reset-failed-title = Эта ссылка не работает
reset-failed-body = Срок действия ссылки истёк, или она уже использована. Запросите новую.
password-changed-title = Пароль изменён
password-changed-body = Войдите с новым паролем. Все остальные сеансы завершены.
account-title = Личный кабинет
account-signed-in-as = Вы вошли как { $email }.
account-sign-out = Выйти
account-inbox = Сообщения
account-inbox-empty = Сообщений пока нет.
err-email-required = Введите адрес электронной почты
err-email-invalid-email = Введите адрес электронной почты в правильном формате, например name@example.com
err-email-wrong-credentials = Неверный адрес электронной почты или пароль
err-email-locked = Слишком много попыток входа отсюда. Попробуйте снова { $when } или сбросьте пароль.
err-email-unverified = Ваш адрес электронной почты ещё не подтверждён. Мы отправили новую ссылку: откройте её, затем войдите.
err-email-rate-limited = Отсюда создано слишком много учётных записей. Попробуйте снова { $when }.
err-email-too-many-links = Отсюда запрошено слишком много ссылок. Попробуйте снова { $when }.
err-password-required = Введите пароль
err-password-too-short = Пароль должен содержать не меньше 10 знаков
err-password-too-long = Пароль должен содержать не больше 128 знаков
err-password-too-common = Этот пароль слишком легко угадать. Выберите другой.
err-password-confirm-required = Повторите пароль
err-password-confirm-mismatch = Пароли не совпадают
err-token-required = Ссылка неполная. Откройте всю ссылку из письма.
err-token-invalid-token = Срок действия ссылки истёк, или она уже использована
err-lang-unknown = Выберите язык: kk, ru или en
mail-verify-subject = Подтвердите адрес электронной почты для карты «Ата жолы»
mail-verify-body = Здравствуйте!

    Чтобы подтвердить адрес электронной почты и завершить создание учётной записи, откройте эту ссылку в течение 3 дней:

    { $link }

    Если вы не создавали учётную запись, не обращайте внимания на это письмо.

    Сервис карты «Ата жолы»
mail-exists-subject = Кто-то пытался создать учётную запись с вашим адресом
mail-exists-body = Здравствуйте!

    Кто-то пытался создать учётную запись для карты «Ата жолы» с этим адресом электронной почты, но она уже есть. Если это были вы, войдите здесь:

    { $link }

    Если вы забыли пароль, его можно сбросить на странице входа. Если это были не вы, ничего делать не нужно.

    Сервис карты «Ата жолы»
mail-reset-subject = Новый пароль для учётной записи карты «Ата жолы»
mail-reset-body = Здравствуйте!

    Чтобы задать новый пароль, откройте эту ссылку в течение 1 часа:

    { $link }

    Если вы не запрашивали сброс, не обращайте внимания на это письмо: пароль останется прежним.

    Сервис карты «Ата жолы»
mail-password-changed-subject = Ваш пароль изменён
mail-password-changed-body = Здравствуйте!

    Пароль вашей учётной записи для карты «Ата жолы» только что изменён, все сеансы завершены. Если это сделали не вы, сразу сбросьте пароль и обратитесь в центр поддержки (1404).

    Сервис карты «Ата жолы»
inbox-welcome-subject = Добро пожаловать
inbox-welcome-body = Ваш адрес электронной почты подтверждён. Здесь будут все сообщения о вашем заявлении — те же, что мы отправляем по почте.
error-too-large = Файл или запрос слишком большой
save-continue = Сохранить и продолжить
nav-applications = Ваши заявления
app-list-title = Ваши заявления
app-list-office = Заявления, поданные вашим учреждением, { $office }.
app-col-reference = Номер
app-col-name = Имя
app-col-status = Статус
app-col-updated = Последнее изменение
app-col-channel = Подано через
app-draft-n = Черновик { $n }
app-list-empty = У вас пока нет заявлений.
app-unnamed = (имя ещё не указано)
app-new-title = Начать новое заявление
app-new-lead = Вы можете сохранять ответы и вернуться в любое время. Держите паспорт под рукой.
app-new-button = Начать новое заявление
app-field-applicant-email = Адрес электронной почты заявителя (необязательно)
app-hint-applicant-email = Уведомления по делу будут приходить на этот адрес. Оставьте пустым, если у заявителя его нет.
app-field-notify-office = Отправлять уведомления и нашему учреждению
app-overview-title = Ваше заявление
app-no-reference = присваивается при подаче
app-duplicates-title = Возможные дубликаты
app-corrections-lead = Сотрудник просит внести исправления. Измените открытые пункты и подайте заявление снова.
app-tasks-title = Заполните эти разделы
app-mrz-link = Заполнить паспортные данные по машиночитаемым строкам паспорта
app-task-done = Заполнено
app-task-todo = Не заполнено
app-check-link = Проверить ответы и подать
app-notices-title = Кто получает уведомления
app-history-title = История
app-status-draft = Черновик
app-status-submitted = Подано
app-status-corrections-requested = Требуются исправления
app-event-create = Начато
app-event-submit = Подано
app-event-resubmit = Подано повторно после исправлений
app-event-request-corrections = Запрошены исправления
app-role-applicant = заявитель
app-role-intermediary = посредник
app-role-officer = сотрудник
app-duplicate-passport = тот же номер паспорта
app-duplicate-name-and-birth-date = те же имя и дата рождения
app-channel-web = сайт
app-channel-app = мобильное приложение
app-channel-embassy = посольство Казахстана
app-channel-department = региональное управление
app-channel-foundation = фонд «Отандастар»
app-notice-applicant-email = Заявитель: по электронной почте на { $email }.
app-notice-applicant-none = Заявитель не указал адрес электронной почты: уведомления уходят только указанным ниже.
app-notice-inbox = Учётная запись заявителя: каждое уведомление также появляется в разделе «Сообщения».
app-mrz-title = Машиночитаемые строки паспорта
app-mrz-hint = Две строки из букв, цифр и знаков < внизу страницы паспорта с фотографией. Введите или вставьте обе строки точно. Контрольные цифры проверяются.
app-mrz-button = Заполнить мои данные
app-documents-title = Документы
app-documents-lead = Загрузите каждый документ файлом PDF, JPEG или PNG не больше { $mb } МБ. К документу не на казахском и не на русском языке нужен его нотариально засвидетельствованный перевод на казахский или русский язык.
app-doc-foreign = на другом языке
app-doc-remove = Удалить
app-doc-role-legend = Этот файл —
app-doc-choice-original-kk = документ на казахском или русском языке
app-doc-choice-original-foreign = документ на другом языке
app-doc-choice-translation = нотариально засвидетельствованный перевод на казахский или русский язык
app-doc-role-original = документ
app-doc-role-translation = нотариальный перевод
app-doc-file = Файл для: { $name }
app-doc-file-hint = PDF, JPEG или PNG, не больше { $mb } МБ.
app-doc-progress = Ход загрузки
app-doc-upload = Загрузить
app-doc-done = Вернуться к заявлению
app-doc-missing = нужен файл
app-doc-translation-missing = нужен нотариальный перевод
app-doc-count = { $n ->
    [one] { $n } файл
    [few] { $n } файла
   *[other] { $n } файлов
}
app-declaration-title = Заявление
app-declaration = Подавая заявление, вы подтверждаете, что сведения верны и полны. После подачи заявление нельзя изменить, если сотрудник не попросит исправлений.
app-submit = Подать заявление
app-submitted-title = Заявление подано
app-submitted-reference = Номер вашего заявления:
app-submitted-next = Региональное управление проверит заявление и в течение 1 рабочего дня направит запросы на проверку. Вам сообщат о каждом изменении.
app-step-names-title = Ваше имя
app-step-names-lead = Как в паспорте, латинскими буквами, и казахской кириллицей.
app-step-birth-title = Дата рождения и пол
app-step-birth-lead = Как в паспорте.
app-step-passport-title = Гражданство и паспорт
app-step-passport-lead = Паспорт, с которым вы будете въезжать. Карта не может действовать дольше этого паспорта.
app-step-contact-title = Контактные данные
app-step-contact-lead = Как с вами связаться.
app-step-residence-title = Где вы живёте
app-step-residence-lead = Страна и адрес постоянного проживания.
app-step-ethnicity-title = Казахская национальность
app-step-ethnicity-lead = Как вы подтверждаете, что вы этнический казах.
app-step-category-title = Категория
app-step-category-lead = Карта выдаётся по одной из трёх категорий.
app-step-profession-1-title = Ваша профессия (Указ № 1587)
app-step-profession-1-lead = Выберите профессию из списка. На следующей странице вы опишете, как соответствуете её требованиям.
app-step-profession-2-title = Ваша востребованная профессия
app-step-profession-2-lead = Выберите профессию по коду национального классификатора занятий.
app-step-business-title = Ваш бизнес
app-step-business-lead = Бизнес, зарегистрированный и действующий в стране вашего проживания или гражданства.
app-step-region-title = Регион поселения
app-step-region-lead = Где в Казахстане вы собираетесь жить и работать. Вы выбираете его сами.
app-step-consent-title = Согласие на обработку персональных данных
app-step-consent-lead = Ваши данные используются только для решения по заявлению и выдачи карты, согласно Закону «О персональных данных и их защите».
app-field-surname-latin = Фамилия латинскими буквами
app-field-given-names-latin = Имя латинскими буквами
app-field-surname-kk = Фамилия на казахском (кириллица)
app-field-given-names-kk = Имя на казахском (кириллица)
app-hint-surname-latin = Точно как в паспорте, например BEKOV.
app-field-birth-date = Дата рождения
app-hint-birth-date = Например, 27 3 1990.
app-field-sex = Пол
app-opt-sex-F = Женский
app-opt-sex-M = Мужской
app-field-citizenship = Гражданство
app-field-passport-number = Номер паспорта
app-field-passport-issued = Дата выдачи
app-field-passport-expires = Срок действия до
app-field-phone = Номер телефона
app-hint-phone = С кодом страны, например +976 9911 2233.
app-field-contact-email = Адрес электронной почты
app-field-residence-country = Страна проживания
app-field-residence-address = Адрес
app-field-ethnicity = Как подтверждается ваша казахская национальность?
app-opt-ethnicity-in-id = В моём паспорте или удостоверении личности указано, что я казах
app-opt-ethnicity-certificate = Официальной справкой о национальности из моей страны
app-field-category = По какой категории вы подаёте заявление?
app-opt-category-1 = 1: профессия из Указа Президента № 1587
app-opt-category-2 = 2: востребованная профессия
app-opt-category-3 = 3: у меня есть бизнес
app-field-cat1-row = Профессия
app-field-cat1-evidence = Как вы соответствуете каждому требованию
app-hint-cat1-evidence = По каждому требованию профессии назовите свою степень, сертификаты, опыт и работы. Подтверждения вы загрузите как документы.
app-field-cat2-code = Профессия
app-field-business-name = Название бизнеса
app-field-business-reg-number = Регистрационный номер
app-field-business-country = Страна регистрации
app-field-business-reg-date = Дата регистрации
app-field-business-activity = Чем занимается бизнес
app-field-region = Область или город
app-field-consent = Я согласен(на) на обработку моих персональных данных для этого заявления
app-problem-required = { $label }: укажите ответ
app-problem-too-long = { $label }: текст слишком длинный
app-problem-latin-only = { $label }: только латинские буквы, как в паспорте
app-problem-cyrillic-only = { $label }: только буквы казахской кириллицы
app-problem-invalid-date = { $label }: укажите существующую дату
app-problem-in-future = { $label }: дата должна быть в прошлом
app-problem-too-old = { $label }: год должен быть не раньше 1900
app-problem-unknown = { $label }: выберите один из вариантов
app-problem-citizen-kz = Гражданин Казахстана не может получить карту «Ата жолы»
app-problem-invalid-passport-number = { $label }: от 5 до 20 латинских букв и цифр, как в паспорте
app-problem-before-birth = { $label }: паспорт не может быть выдан раньше даты рождения
app-problem-expired = Срок действия паспорта истёк: обновите его до подачи, потому что карта не может действовать дольше паспорта
app-problem-before-issue = { $label }: срок действия должен заканчиваться после даты выдачи
app-problem-invalid-phone = { $label }: укажите номер с кодом страны, например +976 9911 2233
app-problem-invalid-email = { $label }: укажите адрес вида name@example.com
app-problem-consent-required = Отметьте согласие на обработку персональных данных
app-problem-unknown-field = { $label }: этого поля нет в заявлении
app-problem-not-editable = { $label }: сейчас это изменить нельзя
app-problem-required-without-email = Без адреса электронной почты заявителя уведомления должно получать учреждение
app-problem-invalid = { $label }: недопустимое значение
err-mrz-mrz-format = Введите обе строки по 44 знака точно как в паспорте
err-mrz-mrz-check-digit = Контрольная цифра не совпадает: знак введён или распознан неверно. Сверьте обе строки с паспортом.
err-mrz-mrz-date = Дата в строках не существует: сверьте их с паспортом
err-mrz-not-editable = Паспортные данные сейчас изменить нельзя
err-file-required = Выберите файл для загрузки
err-file-empty = Файл пустой
err-file-unsupported-type = Файл должен быть PDF, JPEG или PNG (решает содержимое, а не имя)
err-file-polyglot = Файл содержит что-то кроме документа. Сохраните его заново как обычный PDF, JPEG или PNG.
err-file-too-large = Файл слишком большой. Уменьшите его, например отсканируйте с меньшим разрешением.
err-file-limit-reached = В заявлении уже максимальное число файлов. Сначала удалите файл.
err-file-not-editable = Документы сейчас изменить нельзя
err-file-interrupted = Загрузка прервалась. Попробуйте ещё раз.
err-item-unknown = Выберите документ из списка
err-role-unknown = Укажите, документ это или его перевод
err-items-unknown = Назовите пункты для исправления
err-reason-required = Укажите причину
err-applicant-email-invalid-email = Укажите адрес заявителя вида name@example.com или оставьте поле пустым
err-notify-office-required-without-email = Без адреса электронной почты заявителя уведомления должно получать учреждение
notice-submitted-subject = Ваше заявление на карту «Ата жолы» { $reference } подано
notice-submitted-body = Здравствуйте!

    Ваше заявление на карту «Ата жолы» подано. Номер заявления: { $reference }.

    Региональное управление проверит его и в течение 1 рабочего дня направит запросы на проверку. Вам сообщат о каждом изменении. Следите за заявлением здесь:

    { $link }

    Сервис карты «Ата жолы»
notice-corrections-requested-subject = В заявлении { $reference } нужны исправления
notice-corrections-requested-body = Здравствуйте!

    Сотрудник просит исправить некоторые пункты вашего заявления { $reference }. Изменить можно только эти пункты. Откройте заявление, исправьте их и подайте снова:

    { $link }

    Сервис карты «Ата жолы»
notice-office-submitted-subject = Заявление { $reference }, поданное вашим учреждением, подано
notice-office-submitted-body = Заявление { $reference }, оформленное вашим учреждением, подано. Вы получаете копию каждого уведомления по нему.
account-field-code = Код из приложения-аутентификатора
account-hint-code = 6 цифр, которые приложение сейчас показывает для Ata Zholy.
sign-in-code-title = Введите код безопасности
sign-in-code-lead = Сотрудники входят со вторым фактором. Откройте приложение-аутентификатор.
sign-in-code-button = Продолжить
err-code-required = Введите 6-значный код из приложения-аутентификатора
err-code-invalid = Код неверный или уже использован. Дождитесь следующего кода и попробуйте снова.
err-code-locked = Слишком много неверных кодов. Попробуйте снова { $when }.
err-code-no-second-factor = У этой учётной записи сотрудника нет второго фактора. Обратитесь к администратору.
app-step-requirements-1-title = Как вы соответствуете требованиям
app-step-requirements-1-lead = Опишите по каждому требованию вашей профессии ниже степень, сертификаты, опыт и работы, которые ему соответствуют.
app-requirements-of = Требования к профессии: { $name }
app-requirements-link = Профессия в перечне Указа
notice-checks-pending-subject = Заявление { $reference }: запрошены проверки
notice-checks-pending-body = Здравствуйте!

    Региональное управление проверило ваше заявление { $reference } и запросило проверки в полиции и Комитете национальной безопасности. Они отвечают в течение 5 рабочих дней.

    { $link }

    Сервис карты «Ата жолы»
notice-awaiting-iin-subject = Заявление { $reference }: проверки завершены
notice-awaiting-iin-body = Здравствуйте!

    Проверки по вашему заявлению { $reference } завершены. Далее вам присваивается индивидуальный идентификационный номер (ИИН).

    { $link }

    Сервис карты «Ата жолы»
notice-iin-recorded-subject = Заявление { $reference }: ИИН присвоен
notice-iin-recorded-body = Здравствуйте!

    Вам присвоен индивидуальный идентификационный номер (ИИН). Решение по заявлению { $reference } будет принято в течение 3 рабочих дней.

    { $link }

    Сервис карты «Ата жолы»
notice-granted-subject = Карта «Ата жолы» предоставлена: { $reference }
notice-granted-body = Здравствуйте!

    По вашему заявлению { $reference } предоставлена карта «Ата жолы». Карта появится в вашем кабинете.

    { $link }

    Сервис карты «Ата жолы»
nav-cases = Дела
app-status-checks-pending = Запрошены проверки
app-status-awaiting-iin = Ожидается ИИН
app-status-iin-recorded = Ожидается решение
app-status-granted = Предоставлена
app-status-refusal-pending = Отказ ожидает подписи руководителя
app-status-refused = Отказано
app-event-send-checks = Запрошены проверки
app-event-checks-answered = Получены ответы проверок
app-event-record-iin = ИИН внесён
app-event-grant = Карта предоставлена
app-event-propose-refusal = Предложен отказ
app-event-countersign = Отказ подписан руководителем
app-event-return-refusal = Отказ возвращён сотруднику
app-role-supervisor = руководитель
app-role-system = система
app-role-checker-police = полиция
app-role-checker-knb = Комитет национальной безопасности
app-role-auditor = аудитор
case-queue-title = Очередь дел
case-queue-lead = Учреждение { $office }: дел { $total }.
case-any = Любой
case-overdue-only = Только просроченные
case-filter = Отобрать
case-col-due = Срок по закону
case-overdue = просрочено на { $days } рабочих дн.
case-days-left = осталось рабочих дней: { $days }
case-pages = Страницы
case-prev = Предыдущая страница
case-next = Следующая страница
case-page-of = Страница { $page } из { $pages }
case-title = Дело { $reference }
case-iin = ИИН
case-actions = Действия
case-send-checks = Направить запросы на проверку
case-correct-items = Пункты для исправления
case-correct-items-hint = Через запятую: шаги (names, contact, ...) и документы (doc:passport, ...).
case-reason = Причина
case-request-corrections = Запросить исправления
case-record-iin = Внести ИИН
case-grant = Предоставить карту
case-ground = Основание отказа
case-propose-refusal = Предложить отказ
case-countersign = Подписать отказ
case-return = Вернуть отказ
case-answers = Ответы
case-verdict = Решение
case-verdict-accepted = принят
case-verdict-rejected = отклонён
case-save = Сохранить
case-checks = Проверки
case-check-waiting = ответ до { $date }
case-notes = Заметки
case-note = Новая заметка
case-agency-police = Полиция
case-agency-knb = Комитет национальной безопасности
case-result-no-information = Сведений нет
case-result-adverse = Неблагоприятные сведения
checks-title = Проверки: { $agency }
checks-lead = Показано только то, что нужно для проверки. Ответьте в течение 5 рабочих дней.
checks-result = Результат
checks-reference = Ваш номер ответа
checks-send = Отправить ответ
checks-none = Открытых запросов нет.
err-status-wrong-state = Это действие невозможно в текущем состоянии дела
err-check-closed = На запрос уже ответили или дело закрыто
err-countersign-own-proposal = Отказ подписывает не тот, кто его предложил
err-ground-unknown = Выберите основание отказа из списка
err-verdict-unknown = Выберите: принят или отклонён
err-document-unknown = Выберите документ этого дела
err-note-required = Напишите заметку (не больше 4000 знаков)
err-result-required = Выберите результат проверки
err-reference-required = Укажите номер ответа (не больше 100 знаков)
err-iin-iin-format = ИИН состоит из 12 цифр
err-iin-iin-check-digit = Неверная контрольная цифра ИИН: сверьте его со справкой
err-iin-iin-date = В ИИН закодирована несуществующая дата рождения
err-iin-iin-birth-date-mismatch = Дата рождения в ИИН отличается от даты в заявлении
err-iin-iin-sex-mismatch = Пол в ИИН отличается от пола в заявлении
err-iin-no-birth-date = В заявлении нет даты рождения для сверки с ИИН
deadline-reminder-subject = Срок сегодня: дело { $reference }
deadline-reminder-body = Срок по закону по делу { $reference } истекает сегодня, { $date }.
deadline-escalation-subject = Просрочено: дело { $reference }
deadline-escalation-body = Срок по закону по делу { $reference } истёк { $date }. Передайте дело или примите меры.
check-escalation-subject = Просрочена проверка: { $reference }
check-escalation-body = Ответ ведомства по { $reference } ожидался до { $date } и не поступил.
app-refusal-title = Сотрудник намерен отказать по вашему заявлению
app-refusal-lead = Вы можете ответить до { $date }. Отказ вступит в силу только после этого и только с подписью руководителя.
app-refusal-response = Ваш ответ
app-refusal-send = Отправить ответ
app-event-respond = Ответ на предполагаемый отказ
app-event-reassign = Передано в другое учреждение
case-reassign-to = Передать в учреждение
case-reassign = Передать дело
err-response-required = Напишите ответ (не больше 4000 знаков)
err-response-not-open = Нет предполагаемого отказа, на который можно ответить
err-countersign-window-open = Заявитель ещё может ответить: отказ можно подписать после окончания срока
err-office-unknown = Выберите другое региональное управление
dash-title = Сводка
dash-times = Рабочие дни от подачи до решения
dash-decided = Дел с решением
dash-median = Медиана (рабочих дней)
dash-p90 = 90-й процентиль (рабочих дней)
dash-overdue = Просроченные дела учреждения
dash-none-overdue = Просроченных дел в учреждении нет.
dash-by-status = Дела по статусам
dash-by-office = Дела по учреждениям
dash-counts = Дела по учреждениям и статусам
dash-office = Учреждение
dash-count = Дел
dash-load = Открытые дела по сотрудникам
admin-title = Администрирование
admin-created = Учётная запись { $email }: передайте эти данные один раз, больше они не показываются.
admin-password = Пароль:
admin-factor = Второй фактор (отсканируйте в приложение-аутентификатор):
admin-staff = Сотрудники
admin-role = Роль
admin-office = Учреждение
admin-factor-col = Второй фактор
admin-reset-factor = Сбросить второй фактор
admin-new-staff = Новая учётная запись сотрудника
admin-office-hint = embassy-MN, department-KZ-75 или foundation; пусто для проверяющих, аудиторов и администраторов.
admin-create = Создать учётную запись
admin-calendar = Календарь рабочих дней
admin-year = Курбан айт { $date }, переносов выходных: { $transfers }
admin-unverified = не проверено
admin-year-field = Год
admin-kurban = Первый день Курбан айта
admin-transfers = Переносы выходных дней
admin-transfers-hint = По одному в строке: выходной день, выходной, который становится рабочим, и акт (ГГГГ-ММ-ДД ГГГГ-ММ-ДД ссылка).
admin-source = Источник
admin-verified = Сверено с опубликованным актом
admin-save-year = Сохранить год
err-email-taken = С этим адресом уже есть учётная запись
err-office-unfit = Учреждение не подходит к роли или не существует
err-role-not-a-role = Выберите роль из списка
err-role-own-role = Нельзя снять с себя роль администратора
err-transfers-invalid-date = Для каждого переноса нужны две даты ГГГГ-ММ-ДД
err-transfers-reference-required = Для каждого переноса нужен акт
err-transfers-invalid-calendar = Данные не соответствуют правилам календаря (выходной в субботу или воскресенье, рабочий день в будни или дата вне года)
err-kurban-ait-invalid-date = Укажите дату в виде ГГГГ-ММ-ДД
err-year-invalid-date = Укажите год
err-source-required = Укажите источник

## Карта
account-cards = Ваши карты «Ата жолы»
card-list-title = Ваши карты «Ата жолы»
card-list-empty = Карты пока нет. Она появится здесь в день, когда по заявлению примут положительное решение.
card-number = Номер карты
card-state = Состояние
card-title = Карта { $number }
card-replaced-by = Заменена новой картой
card-state-valid = Действительна
card-state-invalidated = Недействительна: владелец получил гражданство Казахстана
card-state-revoked = Отозвана
card-state-expired = Срок действия истёк
card-state-superseded = Заменена новой картой
card-field-name-latin = Фамилия, имя (как в паспорте)
card-field-name-kk = Фамилия, имя на казахском
card-field-birth-date = Дата рождения
card-field-citizenship = Гражданство
card-field-passport = Паспорт
card-field-valid-from = Действительна с
card-field-valid-until = Действительна по
card-qr-title = QR-код
card-qr-hint = Покажите этот код или распечатанную карту работодателю, в больнице, в школе или на границе. Его можно проверить любым телефоном, даже без интернета.
card-qr-alt = QR-код карты { $number }
card-download-pdf = Скачать карту для печати (PDF)
card-download-svg = Скачать QR-код (SVG)
card-download-png = Скачать QR-код (PNG)
card-qr-text = QR-код в виде текста
card-log-title = Кто проверял вашу карту
card-log-hint = Здесь перечислены все проверки, сделанные через этот сервис. Проверки без интернета, по скачанному набору ключей, следов не оставляют.
card-log-when = Когда
card-log-who = Кто
card-log-how = Как
card-log-result = Результат
card-log-empty = Эту карту ещё никто не проверял через интернет.
card-reissue-pending = Вы сообщили о новом паспорте. Сотрудник его проверяет; новая карта появится в вашем списке.
card-passport-title = Получили новый паспорт?
card-passport-hint = Сообщите о нём здесь. Сотрудник проверит его, затем на новый паспорт выдадут новую карту, а эта будет заменена.
card-passport-submit = Сообщить о новом паспорте
card-history-title = История карты
card-event-issue = Выдана
card-event-invalidate = Признана недействительной
card-event-propose-revocation = Предложен отзыв
card-event-revoke = Отозвана
card-event-return-revocation = Отзыв возвращён
card-event-report-passport = Сообщено о новом паспорте
card-event-reissue = Заменена новой картой
card-event-return-reissue = Новый паспорт не принят
card-event-expire = Срок действия истёк
card-pdf-title = Карта «Ата жолы»
card-pdf-issuer = Республика Казахстан
card-pdf-note = Вырежьте карту по контуру, сложите по пунктирной линии и склейте половинки. Любой может проверить карту, отсканировав QR-код, или на { $url }. QR-код содержит только то, что напечатано на лицевой стороне.
card-notice-invalidated-subject = Ваша карта «Ата жолы» { $number } больше не действительна
card-notice-invalidated-body = Здравствуйте, ваша карта «Ата жолы» { $number } стала недействительной, потому что вы получили гражданство Республики Казахстан. Поздравляем. Подробнее: { $link }
card-notice-revoked-subject = Ваша карта «Ата жолы» { $number } отозвана
card-notice-revoked-body = Здравствуйте, ваша карта «Ата жолы» { $number } отозвана. Основание указано на странице карты: { $link }
card-notice-reissued-subject = Новая карта «Ата жолы» заменяет карту { $number }
card-notice-reissued-body = Здравствуйте, ваш новый паспорт принят, и на него выдана новая карта. Карта { $number } заменена. Ваши карты: { $link }
card-notice-reissue-returned-subject = Новый паспорт не принят для карты { $number }
card-notice-reissue-returned-body = Здравствуйте, сотрудник не смог принять новый паспорт, о котором вы сообщили. Проверьте данные и сообщите снова: { $link }
verify-title = Проверить карту «Ата жолы»
verify-intro = Введите номер карты или вставьте текст её QR-кода. QR-код даёт полный ответ; один номер говорит только, есть ли действительная карта с ним, а с датой рождения владельца — ещё состояние карты и инициалы.
verify-kind = Кто проверяет
verify-kind-employer = Работодатель
verify-kind-hospital = Больница или поликлиника
verify-kind-school = Школа или вуз
verify-kind-border = Пограничная служба
verify-kind-bank = Банк
verify-kind-other = Другое
verify-channel-number = по номеру карты
verify-channel-qr = по QR-коду, на этом сайте
verify-channel-api = по QR-коду, через API
verify-number-hint = 12 знаков, например AZ0000010427
verify-qr = Текст QR-кода
verify-qr-hint = Начинается с AZ1:
verify-scan = Сканировать QR-код камерой
verify-submit = Проверить карту
verify-offline = Чтобы проверять карты без интернета, раз в день скачивайте набор ключей ({ $keys }) и список статусов и используйте команду atajoly verify или любую программу проверки по опубликованному формату.
verify-match-passport = Сверьте фамилию, имя, дату рождения и гражданство с паспортом, который вам показывают.
verify-checked-at = Проверено { $at }
verify-result-valid = Карта действительна
verify-result-invalidated = Недействительна: владелец стал гражданином Казахстана
verify-result-revoked = Недействительна: карта отозвана
verify-result-expired = Недействительна: срок действия истёк
verify-result-superseded = Недействительна: заменена более новой картой
verify-result-not-yet-valid = Ещё не действует
verify-result-not-genuine = Это не подлинная карта
verify-explain-valid = Карта выдана Республикой Казахстан и действительна сегодня.
verify-explain-invalidated = Владелец получил гражданство Казахстана, и карта ему больше не нужна. Попросите казахстанский документ, удостоверяющий личность.
verify-explain-revoked = Карта отозвана уполномоченным органом. Не принимайте её.
verify-explain-expired = Срок действия карты закончился. Владелец может подать заявление снова.
verify-explain-superseded = У владельца есть более новая карта, выданная на новый паспорт. Попросите её.
verify-explain-not-yet-valid = Срок действия карты ещё не начался.
verify-explain-not-genuine = Этот текст не является картой, выданной Казахстаном, или он изменён. Проверьте, что вы ввели или отсканировали его полностью.
verify-code-valid = Действительна
verify-code-valid-status-unchecked = Подлинная; статус проверить не удалось
verify-code-invalidated = Признана недействительной
verify-code-revoked = Отозвана
verify-code-suspended = Приостановлена
verify-code-superseded = Заменена
verify-code-expired = Срок истёк
verify-code-not-yet-valid = Ещё не действует
verify-code-too-long = Текст слишком длинный для карты
verify-code-wrong-prefix = Текст не начинается с AZ1:
verify-code-not-base45 = В тексте есть знаки, которых не бывает в QR-коде карты
verify-code-truncated = Текст обрезан: его части не хватает
verify-code-not-zlib = Текст повреждён
verify-code-not-cose = Текст не является подписанной картой
verify-code-unknown-key-id = Карта подписана ключом, который Казахстан не публикует
verify-code-bad-signature = Подпись не совпадает: карта изменена
verify-code-malformed-claims = Содержимое карты искажено
verify-code-bad-card-number = Номер карты неверен: последний знак не совпадает
verify-code-key-not-usable = Карта подписана ключом, который не действовал в день её выдачи
verify-code-status-list-mismatch = Статус карты не найден
verify-code-status-list-stale = Список статусов старше допустимого
verify-code-status-list-expired = Срок действия списка статусов истёк
verify-code-status-index-out-of-range = Статус карты не найден
verify-code-unknown-status = Статус карты неизвестен
verify-code-not-found = Карты с таким номером нет
err-passport-number-same = На этот паспорт карта уже выдана: введите номер нового паспорта
err-passport-expires-passport-expired = Срок действия паспорта истёк: карту на него выдать нельзя
err-revocation-ground-unknown = Выберите основание отзыва из списка
err-state-wrong-state = В текущем состоянии карты это невозможно, или запрос уже открыт
err-state-nothing-open = Нечего решать: по этой карте нет открытого запроса
err-state-no-card = По этому делу карта ещё не выдана
err-reference-decree-required = Укажите реквизиты указа или записи реестра (до 200 знаков)
err-qr-required = Введите номер карты или вставьте текст её QR-кода
err-number-required = Введите номер карты или вставьте текст её QR-кода
case-card-title = Карта
case-card-pending-revocation = Предложен отзыв: { $ground }
case-card-pending-reissue = Сообщено о новом паспорте: { $passport }
case-card-invalidate = Признать недействительной: владелец получил гражданство
case-card-reference = Указ или запись реестра
case-card-revoke = Предложить отзыв
case-card-revocation-ground = Основание отзыва
case-card-countersign = Подтвердить отзыв
case-card-return = Вернуть отзыв
case-card-reissue = Принять новый паспорт и выдать новую карту
case-card-reissue-return = Вернуть: новый паспорт принять нельзя
case-card-requests-reissue = Новые паспорта на проверку
case-card-requests-revocation = Отзывы на подтверждение
err-state-revocation-pending = По этой карте ожидается решение об отзыве: сначала его нужно принять
err-documents-not-reviewed = Перед выдачей проверьте все документы: некоторые ещё не проверены
err-documents-rejected = Документ отклонён: запросите исправления или предложите отказ, выдача невозможна
err-corrections-open = Есть пункты, открытые для исправления: сначала заявитель должен подать заявление повторно
err-iin-citizen = Реестр гражданства сообщает, что человек с этим ИИН — гражданин Казахстана: карту выдать нельзя
err-card-holds-valid-card = У этого человека уже есть действующая карта «Ата жолы» (тот же ИИН или тот же паспорт): одна карта на человека
card-notice-reinstated-subject = Ваша карта «Ата жолы» { $number } снова действительна
card-notice-reinstated-body = Здравствуйте, реестр гражданства исправил свою запись: ваша карта «Ата жолы» { $number } снова действительна. Подробнее: { $link }
case-citizen-title = Реестр сообщает, что этот человек — гражданин Казахстана
case-citizen-body = Пока сообщение в силе, карту выдать нельзя; реестр может отозвать его, если оно сделано по ошибке. Ссылка реестра:
app-status-grant-pending = Выдача ожидает подписи руководителя
case-grant-adverse-reason = Почему выдать, несмотря на неблагоприятные сведения
case-grant-adverse-hint = Одна из проверок ответила «неблагоприятные сведения». Выдать одному нельзя: напишите причину; руководитель подписывает выдачу.
case-propose-grant = Предложить выдачу
case-grant-pending-note = Сотрудник предлагает выдать карту, несмотря на неблагоприятные сведения; причина — в истории ниже. Подпись выдаёт карту.
err-reason-adverse-needs-reason = Одна из проверок ответила «неблагоприятные сведения»: напишите, почему карту всё же следует выдать (подписывает руководитель)
app-problem-unchanged = { $label }: открыто для исправления, но ещё не изменено. Исправьте, прежде чем отправить заявление снова
app-field-doc-passport = Файл паспорта
app-field-doc-ethnicity = Файл справки о национальности
app-field-doc-profession = Документы о профессии
app-field-doc-business = Документы о бизнесе
app-duplicate-iin = тот же ИИН
case-correct-iin = Исправить ИИН
case-iin-new = Правильный ИИН
err-iin-same = Этот ИИН уже записан
err-iin-not-recorded = ИИН ещё не записан: сначала запишите его
check-kazakh-title = Вы этнический казах?
check-kazakh-hint = Карта «Ата жолы» предназначена только для этнических казахов, проживающих за рубежом, что бы ни было указано в паспорте. Следующий вопрос — как подтверждается национальность.
check-kazakh-short = Этнический казах
err-kazakh-required = Выберите «Да», если вы этнический казах
err-kazakh-unknown = Выберите «Да» или «Нет»
outcome-not-ethnic-kazakh = Карта «Ата жолы» предназначена только для этнических казахов, проживающих за рубежом, поэтому она вам не подходит. Чтобы работать, учиться или жить в Казахстане как иностранный гражданин, узнайте о визах и разрешениях в посольстве Казахстана в вашей стране или на портале egov.kz (эта подсказка — от проекта, а не текст закона).
