# Письма о решениях (crates/service/src/letters): PDF, письмо по e-mail и сообщение в кабинете совпадают.
letter-field-date = Дата
letter-field-reference = Номер заявления
letter-field-to = Кому
letter-subject-intended-refusal = Ваше заявление { $reference }: уведомление о предварительном решении об отказе и о праве быть заслушанным
letter-subject-refusal = Ваше заявление { $reference }: решение об отказе и порядок обжалования
letter-subject-grant = Ваше заявление { $reference }: карта «Ата жолы» выдана
letter-title-intended-refusal = Уведомление о предварительном решении об отказе в выдаче карты «Ата жолы»
letter-title-refusal = Решение об отказе в выдаче карты «Ата жолы»
letter-title-grant = Решение о выдаче карты «Ата жолы»
letter-lead-intended-refusal = { $office } намерено отказать по вашему заявлению { $reference } о выдаче карты «Ата жолы». Это ещё не решение: до его принятия вы вправе быть заслушанным. Предварительное решение, его основание, мотивы и доказательства, на которых оно основано, изложены ниже.
letter-lead-refusal = { $office } { $date } приняло решение отказать по вашему заявлению { $reference } о выдаче карты «Ата жолы».
letter-lead-grant = { $office } { $date } приняло решение выдать карту «Ата жолы» по вашему заявлению { $reference }.
letter-heading-ground = Основание
letter-ground = { $ground }. Правовое основание: { $basis }.
letter-heading-reasons = Мотивы
letter-heading-evidence = Доказательства, на которых основано решение
letter-evidence-check = { $agency }: { $result } (ответ { $reference } от { $date })
letter-evidence-review = { $document }: { $verdict } ({ $date })
letter-evidence-review-reason = { $document }: { $verdict } ({ $date }): { $reason }
letter-heading-heard = Ваше право быть заслушанным
letter-heard = Вы можете ответить письменно, приложив документы, или попросить о заслушивании (онлайн или лично) до { $date } включительно: в личном кабинете по адресу { $link } или в управлении. Правовое основание: { $basis }.
letter-heard-after = Решение не будет принято, пока не пройдёт { $date }. Руководитель, принимающий решение, видит ваш ответ и запись заслушивания.
letter-refusal-heard = О предварительном решении об отказе вам сообщили { $notice }; срок для ответа или просьбы о заслушивании истёк { $until }. Сказанное вами было учтено.
letter-heading-appeal = Как обжаловать
letter-appeal = Вы можете подать жалобу на это решение до { $date } включительно ({ $months } { $months ->
        [one] месяц
        [few] месяца
       *[other] месяцев
    } со дня решения; { $basis }). Жалоба адресуется: { $to }, и подаётся через { $through }, принявшее решение: на странице { $link } или письменно в управлении. Укажите в ней, кто вы и как с вами связаться, какое решение обжалуете, чего и почему просите, и подпишите её.
letter-appeal-court = Вы также можете обратиться в суд в порядке, установленном законом.
letter-reconstructed = Срок по норме «{ $basis }» указан в прочтении Кодекса сервисом и помечен как «восстановленный»: он ещё не сверен с опубликованным текстом Кодекса.
letter-appeals-body-reconstructed = То, что жалобы рассматривает { $to }, указано в прочтении Кодекса сервисом и помечено как «восстановленное»: управление, принявшее решение, направит вашу жалобу в орган, который называет закон.
letter-heading-card = Ваша карта
letter-card = Номер карты { $number }, действительна с { $from } по { $until } включительно.
letter-card-use = Войдите на { $site }, чтобы увидеть карту, распечатать её (PDF) или показать её QR-код на телефоне. Любой (работодатель, больница, школа, пограничник) может проверить её, отсканировав QR-код или введя её номер на { $site }/verify.
letter-heading-rules = Применённые правила
letter-rules = Справочные данные, действовавшие на { $date }: { $versions }. Сроки процедуры: { $procedure }.
letter-list-category = категории заявителей
letter-list-profession-cat1 = профессии (категория 1)
letter-list-profession-cat2 = профессии (категория 2)
letter-list-refusal-ground = основания для отказа
letter-closing = { $office }. Это письмо хранится вместе с вашим заявлением: { $link }
letters-title = Письма
letters-lead = Каждое решение и каждое уведомление о предварительном решении — это также письмо, которое можно скачать, распечатать и сохранить. Письмо по электронной почте говорит то же самое.
letters-pdf = PDF
# Этапы жалобы (АППК РК, ст. 91-93): её приём, направление, пересмотр органом, решение вышестоящего органа.
letter-subject-complaint-lodged = Ваше заявление { $reference }: жалоба принята
letter-subject-complaint-forwarded = Ваше заявление { $reference }: жалоба направлена в вышестоящий орган
letter-subject-complaint-revised = Ваше заявление { $reference }: решение пересмотрено по вашей жалобе
letter-subject-complaint-upheld = Ваше заявление { $reference }: жалоба оставлена без удовлетворения, решение в силе
letter-subject-complaint-overturned = Ваше заявление { $reference }: жалоба удовлетворена, решение отменено
letter-title-complaint-lodged = Уведомление о приёме жалобы
letter-title-complaint-forwarded = Уведомление о направлении жалобы в вышестоящий орган
letter-title-complaint-revised = Решение по жалобе: решение пересматривается органом, принявшим его
letter-title-complaint-upheld = Решение по жалобе: жалоба оставлена без удовлетворения
letter-title-complaint-overturned = Решение по жалобе: решение отменено
letter-lead-complaint-lodged = { $office } { $date } приняло вашу жалобу по заявлению { $reference }. Жалоба адресуется: { $to }, и подана через { $office }, принявшее решение.
letter-lead-complaint-forwarded = { $office } не пересмотрело своё решение и { $date } направило вашу жалобу по заявлению { $reference } вместе с делом: { $to }.
letter-lead-complaint-revised = { $office } рассмотрело вашу жалобу по заявлению { $reference } и { $date } пересмотрело своё решение: жалоба удовлетворена.
letter-lead-complaint-upheld = { $office } рассмотрело вашу жалобу по заявлению { $reference } и { $date } оставило её без удовлетворения: обжалованное решение остаётся в силе.
letter-lead-complaint-overturned = { $office } рассмотрело вашу жалобу по заявлению { $reference } и { $date } удовлетворило её: обжалованное решение отменено.
letter-heading-complaint = Жалоба
letter-complaint-about = Жалоба № { $number }, поданная { $lodged }, на { $subject }. Вы просили { $request }. Жалоба адресуется: { $to }, через { $through }.
letter-complaint-subject-refusal = решение от { $date } об отказе в выдаче карты
letter-complaint-subject-revocation = отзыв карты { $date }
letter-complaint-subject-silence = непринятие решения до { $date }, последнего дня срока управления
letter-complaint-request-grant = выдать карту
letter-complaint-request-reconsider = рассмотреть заявление заново
letter-complaint-request-decide = принять решение по заявлению
letter-complaint-request-reinstate = восстановить действие карты
letter-heading-grounds = Ваши доводы, как вы их изложили
letter-heading-kept = Почему решение оставлено без изменения
letter-heading-next = Что дальше
letter-complaint-revision = { $office } может пересмотреть своё решение по вашей жалобе до { $date } включительно ({ $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[other] рабочих дней
    } со дня её получения; { $basis }). Иначе жалоба вместе с делом направляется: { $to }.
letter-complaint-review-term = { $to } рассматривает направленную ему жалобу в течение { $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[other] рабочих дней
    } со дня её получения ({ $basis }).
letter-complaint-review = { $to } рассматривает вашу жалобу до { $date } включительно ({ $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[other] рабочих дней
    } со дня её получения; { $basis }).
letter-complaint-reviewed = { $to } приняло решение в срок рассмотрения жалобы: { $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[other] рабочих дней
    } со дня её получения, здесь до { $date } включительно ({ $basis }).
letter-complaint-revised-within = Орган, принявший решение, может пересмотреть его в течение { $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[other] рабочих дней
    } со дня получения жалобы, здесь до { $date } включительно ({ $basis }).
letter-complaint-told = О каждом шаге вам сообщат таким же письмом, в личном кабинете и по электронной почте.
letter-complaint-stands = Обжалованное решение остаётся в силе в том виде, в каком оно было принято.
letter-complaint-court = Вы можете обратиться в административный суд: решение по жалобе не закрывает этот путь.
letter-complaint-next-reconsider = Отказ отменён. Ваше заявление рассматривается заново: новое решение должно быть принято до { $date } включительно.
letter-complaint-next-order-decision = Управление берёт ваше заявление в работу: решение должно быть принято до { $date } включительно.
letter-complaint-next-grant = Карта выдана: решение о выдаче с номером карты и сроком её действия придёт отдельным письмом.
letter-complaint-next-reinstate = Отзыв отменён: ваша карта { $number } снова действительна, до { $until } включительно.
letter-heading-dates = Даты, на которых основано письмо
letter-date-decided-refusal = обжалованное решение об отказе: { $date }
letter-date-decided-revocation = обжалованный отзыв карты: { $date }
letter-date-decided-silence = последний день срока управления, истёкший без решения: { $date }
letter-date-lodged = жалоба подана: { $date }
letter-date-revision = последний день для пересмотра решения: { $date }
letter-date-forwarded = жалоба направлена в вышестоящий орган: { $date }
letter-date-review = последний день для решения вышестоящего органа: { $date }
letter-date-outcome = решение по жалобе: { $date }
letter-date-next = новое решение до: { $date }
