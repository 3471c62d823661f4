# Бас тарту алдындағы тыңдау (ӘРПК 73-бабы) және шағымдар (ӘРПК 91-93-баптары).
app-role-appeals = шағымдар жөніндегі қызметкер (жоғары тұрған орган)
desk-office-ministry = Еңбек және халықты әлеуметтік қорғау министрлігі (шағымдар жөніндегі жоғары тұрған орган)
hearing-mode-online = онлайн, бейнебайланыс арқылы
hearing-mode-in-person = жеке өзі, бөлімде
app-event-hearing-booked = Тыңдау белгіленді
app-event-hearing-rescheduled = Тыңдау ауыстырылды
app-event-hearing-recorded = Тыңдау жазылды
app-event-complaint-lodged = Шағым берілді
app-event-complaint-revise = Шешім шағым бойынша қайта қаралды
app-event-complaint-forward = Шағым жоғары тұрған органға жіберілді
app-event-complaint-uphold = Шағым қанағаттандырусыз қалдырылды
app-event-complaint-overturn = Шағым қанағаттандырылды: шешімнің күші жойылды
app-event-reinstate = Карта қайтадан жарамды

notice-hearing-booked-subject = { $reference } өтініші: тыңдау белгіленді
notice-hearing-booked-body = Сәлеметсіз бе!

    { $reference } өтініші бойынша болжамды бас тарту туралы тыңдау { $when } уақытқа белгіленді, { $mode }. Қызметкер сізді тыңдап, тыңдауды жазбайынша шешім қабылданбайды. Дәлелді себеппен оны жеке кабинетте бір рет ауыстыруға болады.

    { $link }

    «Ата жолы» картасы қызметі
notice-hearing-rescheduled-subject = { $reference } өтініші: тыңдау ауыстырылды
notice-hearing-rescheduled-body = Сәлеметсіз бе!

    { $reference } өтініші бойынша тыңдау енді { $when } өтеді, { $mode }. Оны қайта ауыстыруға болмайды.

    { $link }

    «Ата жолы» картасы қызметі

err-hearing-booked = Бұл болжамды бас тарту бойынша тыңдау белгіленіп қойған: оны бір рет ауыстыруға болады
err-hearing-window-closed = Тыңдау сұрау мерзімі өтіп кетті
err-hearing-not-open = Тыңдалатын болжамды бас тарту жоқ
err-hearing-none = Тыңдау сұралмаған
err-hearing-held = Тыңдау өтіп қойды
err-hearing-rescheduled-once = Тыңдау бір рет ауыстырылған, оны қайта ауыстыруға болмайды
err-hearing-recorded = Тыңдау жазылып қойған
err-hearing-not-yet = Тыңдау әлі өткен жоқ
err-slot-unavailable = Ұсынылған уақыттың бірін таңдаңыз
err-slot-taken = Бұл уақытты жаңа ғана басқа адам алды: басқасын таңдаңыз
err-mode-required = Сізді қалай тыңдау керегін таңдаңыз: онлайн немесе жеке өзі
err-countersign-hearing-pending = Өтініш беруші тыңдауды сұрады: бас тарту туралы шешімге дейін тыңдауды жазыңыз
err-complaint-open = Бұл өтініш бойынша шағым қаралуда
err-complaint-granted = Карта берілді: шағымданатын бас тарту жоқ
err-complaint-not-submitted = Өтініш берілмеген: шағымданатын шешім жоқ
err-complaint-not-overdue = Қазір шағымданатын бөлімнің шешімі немесе өткізіп алған мерзімі жоқ
err-complaint-too-late = Бұл шешімге шағымдану мерзімі өтіп кетті
err-complaint-none = Бұл іс бойынша қаралып жатқан шағым жоқ
err-complaint-not-here = Бұл кезеңде шағым сіздің органыңызда емес
err-complaint-wrong-state = Шағым мұны істеуге болатын кезеңде емес
err-request-required = Не сұрайтыныңызды таңдаңыз
err-grounds-required = Шешімнің неге дұрыс емес екенін жазыңыз (8000 таңбадан аспасын)
err-contact-required = Атыңызды, мекенжайыңызды және сізбен қалай байланысуға болатынын жазыңыз
err-confirm-required = Шағымды растап, қол қойыңыз
err-attended-required = Өтініш берушінің тыңдауға келген-келмегенін көрсетіңіз
err-minutes-required = Тыңдауда не айтылғанын жазыңыз (8000 таңбадан аспасын)
err-card-not-revoked = Карта кері қайтарылмаған
err-card-no-card = Бұл іс бойынша карта жоқ

appeal-intended-lead = Шешім қабылдағанға дейін бөлім қандай шешім қабылдамақ екенін және неге екенін хабарлайды, сіз жауап бере аласыз.
appeal-ground = Негіз
appeal-basis = Құқықтық негіз
appeal-reasons = Қызметкердің уәждері
appeal-evidence = Неге сүйенеді
appeal-evidence-documents = және қызметкер тексерген өтінішіңіздің құжаттары.
appeal-last-day = Жауап берудің соңғы күні
appeal-right-to-be-heard = Шешімге дейін тыңдалуға құқығыңыз бар ({ $article }): төменде жазбаша жауап беріңіз немесе онлайн не жеке өзі тыңдауды сұраңыз. Бас тарту туралы шешім соңғы күннен кейін және, егер сұрасаңыз, тыңдаудан кейін ғана қабылдана алады.
appeal-hearing-ask = Тыңдауды сұрау
appeal-hearing-manage = Тыңдауды көру немесе ауыстыру
appeal-hearing-booked = Сіздің тыңдауыңыз: { $when }, { $mode }.
appeal-complaints-title = Шағымдар
appeal-complain = Шешімге шағымдану
appeal-complaint-against = Неге
appeal-complaint-lodged = Берілді
appeal-complaint-stage = Кезең
appeal-complaint-due = келесі қадам { $date } дейін
appeal-complaint-outcome = Нәтиже
appeal-complaint-reason = Көрсетілген себеп
complaint-lead-refusal = Бас тартуға { $date } дейін { $office } арқылы { $appeals } органына шағымдана аласыз.
complaint-lead-revocation = Картаны кері қайтаруға { $date } дейін { $office } арқылы { $appeals } органына шағымдана аласыз.
complaint-lead-silence = Бөлімнің мерзімі шешімсіз өтті. Бұған { $office } арқылы { $appeals } органына шағымдана аласыз.
complaint-subject-refusal = Карта беруден бас тарту
complaint-subject-silence = Мерзімінде шешім жоқ
complaint-subject-revocation = Картаны кері қайтару
complaint-request-grant = Маған карта беру
complaint-request-reconsider = Өтінішті қайта қарау
complaint-request-decide = Өтініш бойынша шешім қабылдау
complaint-request-reinstate = Картаның жарамдылығын қалпына келтіру
complaint-stage-lodged = шешім қабылдаған бөлімде
complaint-stage-forwarded = жоғары тұрған органда
complaint-stage-revised = бөлім шешімін қайта қарады
complaint-stage-upheld = қанағаттандырусыз қалдырылды: шешім күшінде
complaint-stage-overturned = қанағаттандырылды: шешімнің күші жойылды
complaint-outcome-none = шешім күшінде
complaint-outcome-reconsider = іс қайта қаралады
complaint-outcome-grant = карта берілді
complaint-outcome-reinstate = карта қайтадан жарамды
complaint-outcome-order-decision = бөлім мерзімінде шешім қабылдауға міндетті
complaint-title = Шешімге шағымдану
complaint-to = Кімге
complaint-through = Кім арқылы
complaint-against = Неге
complaint-request-legend = Не сұрайсыз?
complaint-grounds = Шешім неге дұрыс емес
complaint-grounds-hint = Немен келіспейтініңізді, неге екенін және бөлім нені ескеруі керек еді, соны жазыңыз. Өтінішке тіркелген құжаттарға сілтеме жасауға болады.
complaint-contact = Атыңыз, мекенжайыңыз және сізбен қалай байланысуға болады
complaint-contact-hint = Заң шағымнан талап ететіндей: толық аты-жөніңіз, мекенжайыңыз және телефон немесе электрондық пошта.
complaint-confirm = Жазғанымның рас екенін растаймын және шағымға өз тіркелгіммен қол қоямын.
complaint-send = Шағым беру
complaint-periods-title = Мерзімдер
complaint-period-complaint = Шағым шешім қабылданған күннен бастап { $days } ай ішінде беріледі
complaint-period-revision = Шешім қабылдаған бөлім оны { $days } жұмыс күні ішінде қайта қарай алады; әйтпесе шағымды әрі қарай жібереді
complaint-period-review = Жоғары тұрған орган { $days } жұмыс күні ішінде шешеді
hearing-title = Тыңдауды сұрау
hearing-lead = Бас тарту туралы шешімге дейін сізді тыңдай алады. Бөлім { $days } жұмыс күні ішіндегі уақытты ұсынады ({ $basis }).
hearing-reconstructed = ереже жобамен қалпына келтірілген, ресми мәтінмен салыстырылуы тиіс
hearing-when = Қашан
hearing-mode-legend = Қалай
hearing-slot-legend = Уақытты таңдаңыз
hearing-book = Тыңдауды белгілеу
hearing-none-free = Бұл мерзімде бос уақыт жоқ: бөліммен байланысыңыз немесе өтініш бетінде жазбаша жауап беріңіз.
hearing-online-how = Онлайн тыңдауда бөлім белгіленген уақытта өтініштегі телефон немесе электрондық пошта арқылы бейнебайланыспен хабарласады.
hearing-held = Тыңдау өтті және жазылды.
hearing-rescheduled-already = Тыңдау бір рет ауыстырылды; қайта ауыстыруға болмайды.
hearing-reschedule-title = Тыңдауды ауыстыру
hearing-reschedule-lead = Тыңдауды дәлелді себеппен бір рет ауыстыруға болады.
hearing-reschedule-reason = Белгіленген уақытта неге келе алмайсыз
hearing-reschedule-button = Тыңдауды ауыстыру
hearing-window-closed = Тыңдау сұрау мерзімі { $date } аяқталды.
case-hearing-title = Тыңдау
case-hearing-asked = Сұралған уақыты
case-hearing-moved = Ауыстыру себебі
case-hearing-attended-legend = Өтініш беруші (немесе делдал) келді ме?
case-hearing-attended-yes = иә
case-hearing-attended-no = жоқ
case-hearing-minutes = Не айтылды
case-hearing-record = Тыңдауды жазу
case-hearing-not-yet = Тыңдау әлі өткен жоқ; ол жазылмайынша бас тарту туралы шешім қабылдауға болмайды.
case-complaint-forward = { $appeals } органына жіберу
case-complaint-forward-reason = Бөлім шешімін неге қалдырады
case-complaint-revise = Шешімімізді қайта қарау
case-complaint-revise-reason = Бөлім шешімін неге қайта қарайды
case-complaint-overturn = Шешімнің күшін жою
case-complaint-overturn-reason = Шешімнің күші неге жойылады
case-complaint-remedy-legend = Бұдан әрі
case-complaint-remedy-reconsider = Іс жаңа шешім үшін бөлімге қайтарылады
case-complaint-remedy-grant = Карта қазір беріледі
case-complaint-uphold = Шағымды қанағаттандырусыз қалдыру
case-complaint-uphold-reason = Шешім неге күшінде қалады
complaints-title = Шағымдар
complaints-lead = Қаралып жатқан шағымдар: { $office }; алдымен мерзімі жақындары.
complaints-none = Сіздің органыңызда қаралып жатқан шағым жоқ.
complaints-overdue = мерзімі өтті
appeal-response-file = Жауапқа тіркелген файл
appeal-files-title = Жауабыңызға тіркелген файлдар
appeal-attach = Жауапқа файл тіркеу
appeal-attach-hint = Қызметкер жауабыңызбен бірге оқуы тиіс PDF, JPEG немесе PNG (сот шешімі, анықтама).
appeal-attach-button = Файлды тіркеу
