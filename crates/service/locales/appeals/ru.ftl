# Заслушивание перед предполагаемым отказом (ст. 73 АППК) и жалобы (ст. 91-93 АППК).
app-role-appeals = сотрудник по жалобам (вышестоящий орган)
desk-office-ministry = Министерство труда и социальной защиты населения (вышестоящий орган по жалобам)
hearing-mode-online = онлайн, по видеосвязи
hearing-mode-in-person = лично, в отделе
app-event-hearing-booked = Назначено заслушивание
app-event-hearing-rescheduled = Заслушивание перенесено
app-event-hearing-recorded = Заслушивание записано
app-event-complaint-lodged = Подана жалоба
app-event-complaint-revise = Решение пересмотрено по жалобе
app-event-complaint-forward = Жалоба направлена в вышестоящий орган
app-event-complaint-uphold = Жалоба оставлена без удовлетворения
app-event-complaint-overturn = Жалоба удовлетворена: решение отменено
app-event-reinstate = Карта снова действительна

notice-hearing-booked-subject = Заявление { $reference }: назначено заслушивание
notice-hearing-booked-body = Здравствуйте!

    Заслушивание по предполагаемому отказу по заявлению { $reference } назначено на { $when }, { $mode }. Решение не будет принято, пока сотрудник не заслушает вас и не запишет заслушивание. Один раз его можно перенести по уважительной причине в личном кабинете.

    { $link }

    Служба карты «Ата жолы»
notice-hearing-rescheduled-subject = Заявление { $reference }: заслушивание перенесено
notice-hearing-rescheduled-body = Здравствуйте!

    Заслушивание по заявлению { $reference } теперь состоится { $when }, { $mode }. Повторно перенести его нельзя.

    { $link }

    Служба карты «Ата жолы»

err-hearing-booked = Заслушивание по этому предполагаемому отказу уже назначено: его можно один раз перенести
err-hearing-window-closed = Срок, чтобы попросить заслушивание, истёк
err-hearing-not-open = Нет предполагаемого отказа, по которому можно быть заслушанным
err-hearing-none = Заслушивание не запрашивалось
err-hearing-held = Заслушивание уже состоялось
err-hearing-rescheduled-once = Заслушивание уже переносилось и повторно не переносится
err-hearing-recorded = Заслушивание уже записано
err-hearing-not-yet = Заслушивание ещё не состоялось
err-slot-unavailable = Выберите одно из предложенных времён
err-slot-taken = Это время только что занял другой человек: выберите другое
err-mode-required = Выберите, как вас заслушать: онлайн или лично
err-countersign-hearing-pending = Заявитель попросил заслушивание: запишите его до решения об отказе
err-complaint-open = Жалоба по этому заявлению уже рассматривается
err-complaint-granted = Карта выдана: обжаловать отказ нечего
err-complaint-not-submitted = Заявление не подано: обжаловать нечего
err-complaint-not-overdue = Сейчас нет решения или пропущенного срока отдела, которые можно обжаловать
err-complaint-too-late = Срок обжалования этого решения истёк
err-complaint-none = По этому делу нет жалобы на рассмотрении
err-complaint-not-here = На этом этапе жалоба не у вашего органа
err-complaint-wrong-state = Жалоба не на том этапе, где это возможно
err-request-required = Выберите, о чём вы просите
err-grounds-required = Укажите, почему вы считаете решение неправильным (не более 8000 знаков)
err-contact-required = Укажите имя, адрес и как с вами связаться
err-confirm-required = Подтвердите и подпишите жалобу
err-attended-required = Укажите, пришёл ли заявитель на заслушивание
err-minutes-required = Запишите, что было сказано на заслушивании (не более 8000 знаков)
err-card-not-revoked = Карта не отозвана
err-card-no-card = По этому делу нет карты

appeal-intended-lead = До решения отдел сообщает, какое решение он предполагает принять и почему, чтобы вы могли ответить.
appeal-ground = Основание
appeal-basis = Правовое основание
appeal-reasons = Доводы сотрудника
appeal-evidence = На чём основано
appeal-evidence-documents = и документы вашего заявления, проверенные сотрудником.
appeal-last-day = Последний день для ответа
appeal-right-to-be-heard = Вы вправе быть заслушанным до решения ({ $article }): ответьте письменно ниже или попросите заслушивание онлайн или лично. Решение об отказе может быть принято только после последнего дня и после заслушивания, если вы его попросили.
appeal-hearing-ask = Попросить заслушивание
appeal-hearing-manage = Посмотреть или перенести заслушивание
appeal-hearing-booked = Ваше заслушивание: { $when }, { $mode }.
appeal-complaints-title = Жалобы
appeal-complain = Обжаловать решение
appeal-complaint-against = На что
appeal-complaint-lodged = Подана
appeal-complaint-stage = Этап
appeal-complaint-due = следующий шаг до { $date }
appeal-complaint-outcome = Итог
appeal-complaint-reason = Указанная причина
complaint-lead-refusal = Вы можете обжаловать отказ в { $appeals } через { $office } до { $date }.
complaint-lead-revocation = Вы можете обжаловать отзыв карты в { $appeals } через { $office } до { $date }.
complaint-lead-silence = Срок отдела истёк без решения. Вы можете обжаловать это в { $appeals } через { $office }.
complaint-subject-refusal = Отказ в выдаче карты
complaint-subject-silence = Нет решения в срок
complaint-subject-revocation = Отзыв карты
complaint-request-grant = Выдать мне карту
complaint-request-reconsider = Рассмотреть заявление заново
complaint-request-decide = Принять решение по заявлению
complaint-request-reinstate = Восстановить действие карты
complaint-stage-lodged = в отделе, принявшем решение
complaint-stage-forwarded = в вышестоящем органе
complaint-stage-revised = отдел пересмотрел решение
complaint-stage-upheld = оставлена без удовлетворения: решение в силе
complaint-stage-overturned = удовлетворена: решение отменено
complaint-outcome-none = решение в силе
complaint-outcome-reconsider = дело рассматривается заново
complaint-outcome-grant = карта выдана
complaint-outcome-reinstate = карта снова действительна
complaint-outcome-order-decision = отдел обязан принять решение в срок
complaint-title = Обжаловать решение
complaint-to = Куда
complaint-through = Через
complaint-against = На что
complaint-request-legend = О чём вы просите?
complaint-grounds = Почему решение неправильное
complaint-grounds-hint = Укажите, с чем вы не согласны и почему, и что отдел должен был учесть. Можно ссылаться на документы, уже приложенные к заявлению.
complaint-contact = Ваши имя, адрес и как с вами связаться
complaint-contact-hint = Как требует закон от жалобы: полное имя, адрес и телефон или электронная почта.
complaint-confirm = Подтверждаю, что написанное верно, и подписываю жалобу своей учётной записью.
complaint-send = Подать жалобу
complaint-periods-title = Сроки
complaint-period-complaint = Жалоба подаётся в течение { $days } месяцев со дня решения
complaint-period-revision = Отдел, принявший решение, может пересмотреть его в течение { $days } рабочих дней; иначе он направляет жалобу дальше
complaint-period-review = Вышестоящий орган решает в течение { $days } рабочих дней
hearing-title = Попросить заслушивание
hearing-lead = До решения об отказе вас могут заслушать. Отдел предлагает время в пределах { $days } рабочих дней ({ $basis }).
hearing-reconstructed = правило восстановлено проектом, подлежит сверке с официальным текстом
hearing-when = Когда
hearing-mode-legend = Как
hearing-slot-legend = Выберите время
hearing-book = Назначить заслушивание
hearing-none-free = В этот срок нет свободного времени: свяжитесь с отделом или ответьте письменно на странице заявления.
hearing-online-how = При онлайн-заслушивании отдел звонит вам по видеосвязи в назначенное время по телефону или электронной почте из заявления.
hearing-held = Заслушивание состоялось и записано.
hearing-rescheduled-already = Заслушивание уже переносилось; повторно перенести нельзя.
hearing-reschedule-title = Перенести заслушивание
hearing-reschedule-lead = Заслушивание можно перенести один раз по уважительной причине.
hearing-reschedule-reason = Почему вы не можете прийти в назначенное время
hearing-reschedule-button = Перенести заслушивание
hearing-window-closed = Срок, чтобы попросить заслушивание, истёк { $date }.
case-hearing-title = Заслушивание
case-hearing-asked = Запрошено
case-hearing-moved = Перенесено, потому что
case-hearing-attended-legend = Пришёл ли заявитель (или посредник)?
case-hearing-attended-yes = да
case-hearing-attended-no = нет
case-hearing-minutes = Что было сказано
case-hearing-record = Записать заслушивание
case-hearing-not-yet = Заслушивание ещё не состоялось; решение об отказе нельзя принять, пока оно не записано.
case-complaint-forward = Направить в { $appeals }
case-complaint-forward-reason = Почему отдел оставляет решение
case-complaint-revise = Пересмотреть наше решение
case-complaint-revise-reason = Почему отдел пересматривает решение
case-complaint-overturn = Отменить решение
case-complaint-overturn-reason = Почему решение отменяется
case-complaint-remedy-legend = Что дальше
case-complaint-remedy-reconsider = Дело возвращается в отдел для нового решения
case-complaint-remedy-grant = Карта выдаётся сейчас
case-complaint-uphold = Оставить жалобу без удовлетворения
case-complaint-uphold-reason = Почему решение остаётся в силе
complaints-title = Жалобы
complaints-lead = Жалобы на рассмотрении: { $office }; сначала с ближайшим сроком.
complaints-none = У вашего органа нет жалоб на рассмотрении.
complaints-overdue = просрочено
appeal-response-file = Файл к ответу
appeal-files-title = Файлы к вашему ответу
appeal-attach = Приложить файл к ответу
appeal-attach-hint = PDF, JPEG или PNG, который сотрудник должен прочитать вместе с ответом (решение суда, справка).
appeal-attach-button = Приложить файл
