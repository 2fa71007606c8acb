//! Every fixed string of the UI, in all three languages.
//!
//! The table is a macro so that a variant without all three translations does
//! not compile. Strings that take arguments are functions in `phrases`, and
//! mapping domain enums (`Status`, `Priority`…) to these variants belongs in
//! one `match` in the UI, not here, so this folder stays independent.

use super::locale::Locale;

macro_rules! catalogue {
    ($($variant:ident => [$en:literal, $ru:literal, $uk:literal],)+) => {
        /// One UI string. `Msg::NavBoard.text(locale)` gives its translation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($variant,)+
        }

        impl Msg {
            /// Every message, for tests and for tooling that lists them.
            pub const ALL: &'static [Msg] = &[$(Msg::$variant,)+];

            /// English, Russian, Ukrainian.
            fn translations(self) -> [&'static str; 3] {
                match self {
                    $(Msg::$variant => [$en, $ru, $uk],)+
                }
            }
        }
    };
}

catalogue! {

    // Navigation
    NavMain => ["Main navigation", "Основная навигация", "Основна навігація"],
    NavBoard => ["Board", "Доска", "Дошка"],
    NavArchive => ["Archive", "Архив", "Архів"],
    NavSprints => ["Sprints", "Спринты", "Спринти"],
    NavReports => ["Reports", "Отчёты", "Звіти"],
    NavAdmin => ["Admin", "Администрирование", "Адміністрування"],
    SignIn => ["Sign in", "Войти", "Увійти"],
    SignInHeading => ["Sign in to SLA Board", "Вход в SLA Board", "Вхід до SLA Board"],
    SigningIn => ["Signing in…", "Входим…", "Входимо…"],
    SignOut => ["Sign out", "Выйти", "Вийти"],
    ServerUnreachable => [
        "The server could not be reached. Please try again.",
        "Сервер недоступен. Попробуйте ещё раз.",
        "Сервер недоступний. Спробуйте ще раз."
    ],
    Language => ["Language", "Язык", "Мова"],

    // The live stream's status line
    LiveReconnecting => [
        "Connection lost — reconnecting…",
        "Связь потеряна — переподключаемся…",
        "Зв'язок втрачено — перепідключаємося…"
    ],
    LiveSignedOut => [
        "Your session has ended; the board is no longer updated.",
        "Сеанс завершён, доска больше не обновляется.",
        "Сеанс завершено, дошка більше не оновлюється."
    ],
    SignInAgain => ["Sign in again", "Войти снова", "Увійти знову"],
    TicketChangedMeanwhile => [
        "Someone changed this ticket while you were working on it.",
        "Пока вы работали, заявку изменили.",
        "Поки ви працювали, заявку змінили."
    ],
    ShowChanges => ["Show the changes", "Показать изменения", "Показати зміни"],
    AlsoOnThisTicket => ["Also on this ticket now:", "Сейчас заявку также смотрят:", "Зараз заявку також переглядають:"],

    // Board columns (ticket statuses)
    StatusBacklog => ["Backlog", "Бэклог", "Беклог"],
    StatusSprint => ["Sprint", "Спринт", "Спринт"],
    StatusInProgress => ["In progress", "В работе", "В роботі"],
    StatusDone => ["Done", "Готово", "Готово"],
    StatusRelease => ["Release", "Релиз", "Реліз"],
    StatusArchive => ["Archive", "Архив", "Архів"],

    // Priorities
    PriorityCritical => ["Critical", "Критический", "Критичний"],
    PriorityHigh => ["High", "Высокий", "Високий"],
    PriorityNormal => ["Normal", "Обычный", "Звичайний"],
    PriorityLow => ["Low", "Низкий", "Низький"],

    // Categories: the Ukrainian names follow the seed regulation's terms.
    CategoryIncident => ["Incident", "Инцидент", "Інцидент"],
    CategoryChangeRequest => ["Change request", "Доработка", "Запит на зміну"],
    CategoryConsultation => ["Consultation", "Консультация", "Консультація"],
    CategoryDocumentationRequest => [
        "Documentation request",
        "Запрос документации",
        "Запит документації"
    ],

    // Waiting reasons
    WaitingClientInfo => [
        "Waiting for client info",
        "Ожидает информации от клиента",
        "Очікує на інформацію від клієнта"
    ],
    WaitingClientApproval => [
        "Waiting for approval",
        "Ожидает согласования",
        "Очікує на погодження"
    ],
    WaitingPayment => ["Waiting for payment", "Ожидает оплаты", "Очікує на оплату"],

    // Channels
    ChannelWeb => ["Web", "Веб", "Веб"],
    ChannelEmail => ["Email", "Эл. почта", "Ел. пошта"],
    ChannelPhone => ["Phone", "Телефон", "Телефон"],
    ChannelMessenger => ["Messenger", "Мессенджер", "Месенджер"],

    // SLA states
    SlaOnTrack => ["On track", "В срок", "Вчасно"],
    SlaAtRisk => ["At risk", "Под угрозой", "Під загрозою"],
    SlaBreached => ["Breached", "Срок нарушен", "Термін порушено"],
    SlaPaused => ["Paused", "Приостановлено", "Призупинено"],
    SlaMet => ["Met", "Выполнено в срок", "Виконано вчасно"],

    // SLA clocks
    ClockReaction => ["Reaction", "Реакция", "Реакція"],
    ClockResolution => ["Resolution", "Решение", "Вирішення"],

    // Board and cards
    Tickets => ["Tickets", "Обращения", "Звернення"],
    Unassigned => ["Unassigned", "Без исполнителя", "Без виконавця"],
    LoadingBoard => ["Loading the board…", "Загрузка доски…", "Завантаження дошки…"],
    BoardLoadFailed => [
        "The board could not be loaded",
        "Не удалось загрузить доску",
        "Не вдалося завантажити дошку"
    ],
    PageNotFound => ["Page not found.", "Страница не найдена.", "Сторінку не знайдено."],
    // Lower case: these words sit inside a badge next to a time.
    YourTime => ["your time", "ваше время", "ваш час"],
    CalendarTime => ["calendar time", "по календарю", "за календарем"],
    SlaDetails => [
        "Deadline details",
        "Подробнее о сроке",
        "Докладніше про термін"
    ],
    MoveTo => ["Move to…", "Переместить в…", "Перемістити до…"],
    MoveNotAllowed => [
        "This move is not allowed",
        "Такое перемещение не разрешено",
        "Таке переміщення не дозволено"
    ],
    MoveConflict => [
        "Someone else changed this ticket first; it is back in its place",
        "Кто-то уже изменил это обращение; карточка возвращена на место",
        "Хтось уже змінив це звернення; картку повернуто на місце"
    ],
    Close => ["Close", "Закрыть", "Закрити"],
    RejectReasonPrompt => [
        "Why is this ticket rejected? The client will see the reason.",
        "Почему обращение отклонено? Клиент увидит причину.",
        "Чому звернення відхилено? Клієнт побачить причину."
    ],
    KeyboardShortcuts => ["Keyboard shortcuts", "Сочетания клавиш", "Сполучення клавіш"],
    ShortcutNextCard => [
        "Go to the next card or control",
        "Перейти к следующей карточке или элементу",
        "Перейти до наступної картки чи елемента"
    ],
    ShortcutMoveCard => [
        "Move the focused card to the next or previous column",
        "Переместить выбранную карточку в следующую или предыдущую колонку",
        "Перемістити вибрану картку до наступної чи попередньої колонки"
    ],
    ShortcutOpenCard => ["Open the focused card", "Открыть выбранную карточку", "Відкрити вибрану картку"],
    ShortcutSearch => ["Search the board", "Искать на доске", "Шукати на дошці"],
    ShortcutHelp => ["Show this list", "Показать этот список", "Показати цей список"],
    ShortcutClose => ["Close this list", "Закрыть этот список", "Закрити цей список"],
    ColumnEmpty => ["No tickets here.", "Здесь нет обращений.", "Тут немає звернень."],
    ColumnEmptyFiltered => [
        "No tickets here match the filters.",
        "Здесь нет обращений, подходящих под фильтры.",
        "Тут немає звернень, що відповідають фільтрам."
    ],
    FilterMine => ["Mine", "Мои", "Мої"],
    FilterUnassigned => ["Unassigned", "Без исполнителя", "Без виконавця"],
    SortByBreach => ["Sort by time to breach", "Сортировать по сроку", "Сортувати за терміном"],
    QuickFilters => ["Quick filters", "Быстрые фильтры", "Швидкі фільтри"],
    MoreFilters => ["Filters", "Фильтры", "Фільтри"],
    NeedsYou => ["Needs you", "Ждёт вас", "Чекає на вас"],
    NeedsYouEmpty => [
        "Nothing is waiting for you.",
        "Ничего не ждёт вашего ответа.",
        "Нічого не чекає на вашу відповідь."
    ],
    WaitingForYou => ["Waiting for your answer", "Ждёт вашего ответа", "Чекає на вашу відповідь"],
    ReleaseToCheck => ["Delivered: please check", "Выполнено: проверьте", "Виконано: перевірте"],
    MoveHint => [
        "Drag a card to another column, or focus it and press Shift+→ / Shift+← or use its menu.",
        "Перетащите карточку в другую колонку или выберите её и нажмите Shift+→ / Shift+← либо откройте её меню.",
        "Перетягніть картку в іншу колонку або виберіть її й натисніть Shift+→ / Shift+← чи відкрийте її меню."
    ],
    Moving => ["Moving…", "Перемещение…", "Переміщення…"],

    // Roles
    RoleClient => ["Client", "Клиент", "Клієнт"],
    RoleOperator => ["Operator", "Оператор", "Оператор"],
    RoleConsultant => ["Consultant", "Консультант", "Консультант"],
    RoleLead => ["Project lead", "Руководитель проекта", "Керівник проєкту"],
    RoleAdmin => ["Administrator", "Администратор", "Адміністратор"],

    // Filters
    Organisation => ["Organisation", "Организация", "Організація"],
    Assignee => ["Assignee", "Исполнитель", "Виконавець"],
    Priority => ["Priority", "Приоритет", "Пріоритет"],
    Category => ["Category", "Категория", "Категорія"],
    SlaState => ["SLA state", "Статус SLA", "Стан SLA"],
    Waiting => ["Waiting", "Ожидание", "Очікування"],
    SearchPlaceholder => [
        "Search by id or title",
        "Поиск по номеру или теме",
        "Пошук за номером або темою"
    ],
    ClearFilters => ["Clear filters", "Сбросить фильтры", "Скинути фільтри"],
    Search => ["Search", "Найти", "Знайти"],
    Closed => ["Closed", "Закрыто", "Закрито"],
    Rejected => ["Rejected", "Отклонено", "Відхилено"],
    PreviousPage => ["← Previous", "← Назад", "← Назад"],
    NextPage => ["Next →", "Вперёд →", "Далі →"],
    Pages => ["Pages", "Страницы", "Сторінки"],
    ArchiveEmpty => [
        "No archived tickets match.",
        "В архиве нет подходящих обращений.",
        "В архіві немає відповідних звернень."
    ],
    LoadingArchive => ["Loading the archive…", "Загрузка архива…", "Завантаження архіву…"],
    ArchiveLoadFailed => [
        "The archive could not be loaded",
        "Не удалось загрузить архив",
        "Не вдалося завантажити архів"
    ],
    WipLimit => [
        "Work-in-progress limit of this column",
        "Лимит незавершённой работы для колонки",
        "Ліміт незавершеної роботи для колонки"
    ],
    WipLimitExceeded => ["WIP limit exceeded", "Превышен лимит WIP", "Перевищено ліміт WIP"],

    // Ticket page
    Description => ["Description", "Описание", "Опис"],
    StepsToReproduce => ["Steps to reproduce", "Шаги воспроизведения", "Кроки відтворення"],
    ProductVersion => ["Product version", "Версия продукта", "Версія продукту"],
    Channel => ["Channel", "Канал", "Канал"],
    Received => ["Received", "Получено", "Отримано"],
    Requester => ["Requester", "Заявитель", "Заявник"],
    Comments => ["Comments", "Комментарии", "Коментарі"],
    History => ["History", "История", "Історія"],
    PublicReply => ["Public reply", "Ответ клиенту", "Відповідь клієнту"],
    InternalNote => ["Internal note", "Внутренняя заметка", "Внутрішня примітка"],
    Send => ["Send", "Отправить", "Надіслати"],
    SlaTimeline => ["SLA timeline", "Хронология SLA", "Хронологія SLA"],
    Deadline => ["Deadline", "Крайний срок", "Кінцевий термін"],
    TimelinePaused => ["Paused", "На паузе", "На паузі"],
    TimelineCounted => ["Counted", "Учтено", "Враховано"],
    BackToBoard => ["← Board", "← Доска", "← Дошка"],
    LoadingTicket => ["Loading the ticket…", "Загрузка обращения…", "Завантаження звернення…"],
    TicketLoadFailed => [
        "The ticket could not be loaded",
        "Не удалось загрузить обращение",
        "Не вдалося завантажити звернення"
    ],
    Details => ["Details", "Сведения", "Відомості"],
    StatusLabel => ["Status", "Статус", "Статус"],
    Created => ["Created", "Создано", "Створено"],
    Updated => ["Updated", "Изменено", "Змінено"],
    FirstResponse => ["First response", "Первый ответ", "Перша відповідь"],
    SlaAtRiskEvent => ["SLA at risk", "SLA под угрозой", "SLA під загрозою"],
    SlaBreachedEvent => ["SLA breached", "SLA нарушен", "SLA порушено"],
    RejectionReason => ["Rejection reason", "Причина отклонения", "Причина відхилення"],
    NoDescription => ["No description.", "Описание не заполнено.", "Опис не заповнено."],
    Actions => ["Actions", "Действия", "Дії"],
    Move => ["Move", "Переместить", "Перемістити"],
    Change => ["Change", "Изменить", "Змінити"],
    EditTicket => ["Change the ticket", "Изменить обращение", "Змінити звернення"],
    NotWaiting => ["Not waiting", "Не ожидает", "Не очікує"],
    EndWait => ["End the wait", "Завершить ожидание", "Завершити очікування"],
    ApproveAction => [
        "I approve: go ahead",
        "Подтверждаю: выполняйте",
        "Підтверджую: виконуйте"
    ],
    EditFailed => ["Not saved", "Не сохранено", "Не збережено"],
    WaitMessage => [
        "Message to the client",
        "Сообщение клиенту",
        "Повідомлення клієнтові"
    ],
    WaitMessageHint => [
        "What you ask of the client — the question, the approval needed or the amount due. It is sent as a public reply and counts as the reaction.",
        "Что вы просите у клиента — вопрос, что подтвердить или какую сумму оплатить. Уходит публичным ответом и считается реакцией.",
        "Що ви просите в клієнта — запитання, що підтвердити або яку суму сплатити. Надсилається публічною відповіддю й вважається реакцією."
    ],
    AskedOfYou => ["Asked of you", "Вас просят", "Вас просять"],
    AskedOfClient => ["Asked of the client", "Клиента просят", "Клієнта просять"],
    WaitingPausesSla => [
        "While the ticket waits, its SLA clock is paused.",
        "Пока обращение ожидает, часы SLA стоят.",
        "Поки звернення очікує, годинник SLA стоїть."
    ],
    Target => ["Target", "Норматив", "Норматив"],
    CalendarZone => ["Calendar time zone", "Часовой пояс календаря", "Часовий пояс календаря"],
    RoundTheClock => ["round the clock", "круглосуточно", "цілодобово"],
    NoSlaTarget => [
        "The contract sets no SLA target for this ticket.",
        "Договор не задаёт сроков SLA для этого обращения.",
        "Договір не встановлює термінів SLA для цього звернення."
    ],
    DeadlineAfterWait => [
        "set once the wait ends",
        "определится после ожидания",
        "визначиться після очікування"
    ],
    NoComments => ["No comments yet.", "Комментариев пока нет.", "Коментарів поки немає."],
    YourComment => ["Your comment", "Ваш комментарий", "Ваш коментар"],
    Visibility => ["Who sees it", "Кто увидит", "Хто побачить"],
    Sending => ["Sending…", "Отправка…", "Надсилання…"],
    CommentFailed => [
        "The comment could not be sent",
        "Не удалось отправить комментарий",
        "Не вдалося надіслати коментар"
    ],
    NoHistory => ["No changes yet.", "Изменений пока нет.", "Змін поки немає."],
    SystemActor => ["System", "Система", "Система"],

    // Create form
    NewTicket => ["New ticket", "Новое обращение", "Нове звернення"],
    Title => ["Title", "Тема", "Тема"],
    Create => ["Create", "Создать", "Створити"],
    Cancel => ["Cancel", "Отмена", "Скасувати"],
    TitleRequired => ["Title is required", "Укажите тему", "Вкажіть тему"],
    ContactTimeInFuture => [
        "The contact time cannot be in the future",
        "Время обращения не может быть в будущем",
        "Час звернення не може бути в майбутньому"
    ],
    ContactTimeBeforeContract => [
        "The contact time is before the contract began",
        "Время обращения раньше начала действия договора",
        "Час звернення передує початку дії договору"
    ],
    ContactTime => [
        "When the client contacted us",
        "Когда клиент обратился",
        "Коли клієнт звернувся"
    ],
    // Followed by the browser's UTC offset, e.g. "(UTC+03:00)".
    ContactTimeLocalHint => [
        "In your computer's time zone",
        "По часовому поясу вашего компьютера",
        "За часовим поясом вашого комп’ютера"
    ],
    ContactTimeInvalid => ["Enter a date and time", "Укажите дату и время", "Вкажіть дату й час"],
    ChooseOrganisation => ["Choose an organisation", "Выберите организацию", "Виберіть організацію"],
    ChooseRequester => ["Choose a requester", "Выберите заявителя", "Виберіть заявника"],
    NoRequesters => [
        "This organisation has no active client accounts",
        "У организации нет активных клиентских учётных записей",
        "Організація не має активних клієнтських облікових записів"
    ],
    FieldRequired => ["This field is required", "Заполните это поле", "Заповніть це поле"],
    // Followed by a count of characters: "at most 100 characters".
    TooLongAtMost => ["Too long, at most", "Слишком длинно, максимум", "Задовго, максимум"],
    ChoiceUnavailable => [
        "This choice is no longer available",
        "Этот вариант больше недоступен",
        "Цей варіант більше недоступний"
    ],
    CheckFields => [
        "Please correct the marked fields",
        "Исправьте отмеченные поля",
        "Виправте позначені поля"
    ],
    Creating => ["Creating…", "Создание…", "Створення…"],
    CreateFailed => [
        "The ticket could not be created",
        "Не удалось создать обращение",
        "Не вдалося створити звернення"
    ],
    Optional => ["optional", "необязательно", "необов’язково"],

    // Errors
    SignInRequired => ["Sign in required", "Требуется вход в систему", "Потрібно увійти в систему"],
    AccessDenied => [
        "You do not have access to this",
        "У вас нет доступа к этому",
        "У вас немає доступу до цього"
    ],
    NotFound => ["Not found", "Не найдено", "Не знайдено"],
    ErrorInvalid => [
        "Some fields need fixing",
        "Некоторые поля нужно исправить",
        "Деякі поля потрібно виправити"
    ],
    ErrorBadRequest => [
        "The request could not be read",
        "Запрос не удалось разобрать",
        "Запит не вдалося розібрати"
    ],
    ErrorInternal => [
        "Something went wrong on the server; please try again",
        "На сервере что-то пошло не так; попробуйте ещё раз",
        "На сервері щось пішло не так; спробуйте ще раз"
    ],
    ErrorBusy => [
        "The server is busy; please try again in a moment.",
        "Сервер занят; попробуйте ещё раз через минуту.",
        "Сервер зайнятий; спробуйте ще раз за хвилину."
    ],
    ErrorTooLarge => [
        "This is too much text to send at once",
        "Слишком много текста для одной отправки",
        "Забагато тексту для одного надсилання"
    ],
    ErrorTooManyAttempts => [
        "Too many sign-in attempts. Please wait a few minutes and try again.",
        "Слишком много попыток входа. Подождите несколько минут и попробуйте снова.",
        "Забагато спроб входу. Зачекайте кілька хвилин і спробуйте знову."
    ],
    ErrorWrongCredentials => [
        "Wrong email or password.",
        "Неверная почта или пароль.",
        "Неправильна пошта або пароль."
    ],
    // Refusals, one per domain code (`TransitionError::code`, `EditError::code`).
    RefusedNoSuchMove => [
        "Tickets do not move between these columns",
        "Между этими колонками обращения не перемещаются",
        "Між цими колонками звернення не переміщуються"
    ],
    RefusedNotFromStatus => [
        "This is not possible for a ticket in its current column",
        "Для обращения в текущей колонке это невозможно",
        "Для звернення в поточній колонці це неможливо"
    ],
    RefusedInvalidReopenTarget => [
        "A released ticket can be reopened into Sprint or In progress only",
        "Обращение из релиза можно вернуть только в спринт или в работу",
        "Звернення з релізу можна повернути лише до спринту або в роботу"
    ],
    RefusedNotAConsultation => [
        "Only consultations go straight to release; other tickets go to Done first",
        "Сразу в релиз переходят только консультации; остальные обращения сначала идут в «Готово»",
        "Одразу в реліз переходять лише консультації; інші звернення спершу йдуть до «Готово»"
    ],
    RefusedRoleNotAllowed => [
        "Your role may not make this move",
        "Вашей роли такое перемещение не разрешено",
        "Вашій ролі таке переміщення не дозволено"
    ],
    RefusedSystemOnly => [
        "Only the system archives released tickets automatically",
        "Автоматическое архивирование выполняет только система",
        "Автоматичне архівування виконує лише система"
    ],
    RefusedNotForSystem => [
        "This is done by a person, not by the system",
        "Это делает человек, а не система",
        "Це робить людина, а не система"
    ],
    RefusedReasonRequired => [
        "Rejecting a ticket needs a reason for the client",
        "Для отклонения обращения нужна причина для клиента",
        "Для відхилення звернення потрібна причина для клієнта"
    ],
    RefusedFieldNotPermitted => [
        "Your role may not change this field",
        "Вашей роли нельзя менять это поле",
        "Вашій ролі не можна змінювати це поле"
    ],
    RefusedTicketClosed => [
        "The ticket is archived; archived tickets are not changed",
        "Обращение в архиве; архивные обращения не меняются",
        "Звернення в архіві; архівні звернення не змінюються"
    ],
    RefusedCannotWaitIn => [
        "A ticket in this column cannot wait for the client",
        "Обращение в этой колонке не может ждать клиента",
        "Звернення в цій колонці не може чекати на клієнта"
    ],
    RefusedClientMayNotEndWait => [
        "Only support can end this wait; reply to the ticket instead",
        "Завершить это ожидание может только поддержка; ответьте в обращении",
        "Завершити це очікування може лише підтримка; дайте відповідь у зверненні"
    ],
    RefusedWaitNeedsMessage => [
        "Write to the client what you are asking of them: a wait starts with that message",
        "Напишите клиенту, что вы у него просите: ожидание начинается с этого сообщения",
        "Напишіть клієнтові, що ви в нього просите: очікування починається з цього повідомлення"
    ],
    RefusedMessageOnlyWithWait => [
        "Only a wait is sent with a message; post other replies as comments",
        "С сообщением отправляется только ожидание; другие ответы пишите комментарием",
        "З повідомленням надсилається лише очікування; інші відповіді пишіть коментарем"
    ],
    RefusedNotAnAgent => [
        "Tickets are assigned to operators, consultants or leads only",
        "Обращения назначаются только операторам, консультантам или руководителям",
        "Звернення призначаються лише операторам, консультантам або керівникам"
    ],
    RefusedEstimateOutOfRange => [
        "The estimate is outside the allowed range of working hours",
        "Оценка вне допустимого диапазона рабочих часов",
        "Оцінка поза допустимим діапазоном робочих годин"
    ],
    RefusedUnchanged => [
        "The ticket already has this value",
        "У обращения уже это значение",
        "Звернення вже має це значення"
    ],
    RefusedNotPlannable => [
        "Released and archived tickets cannot be planned into a sprint",
        "Выпущенное или архивное обращение нельзя запланировать в спринт",
        "Випущене чи архівне звернення не можна запланувати у спринт"
    ],
    RefusedSprintWorkFinished => [
        "Finished work stays in its sprint",
        "Завершённая работа остаётся в своём спринте",
        "Завершена робота залишається у своєму спринті"
    ],
    RefusedNotPlanned => ["The ticket is not in a sprint", "Обращение не в спринте", "Звернення не у спринті"],
    RefusedAlreadyPlanned => [
        "The ticket is already in this sprint",
        "Обращение уже в этом спринте",
        "Звернення вже в цьому спринті"
    ],
    RefusedNoOpenSprint => [
        "There is no open sprint: create one first",
        "Нет открытого спринта: сначала создайте его",
        "Немає відкритого спринту: спершу створіть його"
    ],
    RefusedSprintChoiceNeeded => [
        "Several sprints are open: choose one",
        "Открыто несколько спринтов: выберите один",
        "Відкрито кілька спринтів: оберіть один"
    ],
    RefusedNoSprintForReopen => [
        "No sprint is running to take the ticket back: reopen it to In progress, or a lead plans it",
        "Нет идущего спринта, чтобы вернуть в него заявку: переоткройте её в «В работе» или попросите руководителя запланировать её",
        "Немає спринту, що триває, щоб повернути до нього заявку: перевідкрийте її в «В роботі» або попросіть керівника запланувати її"
    ],
    RefusedSprintClosed => [
        "The sprint is closed and can no longer be changed",
        "Спринт закрыт, менять его больше нельзя",
        "Спринт закрито, змінювати його більше не можна"
    ],
    RefusedCloseUndecided => [
        "Decide for every unfinished ticket: next sprint or backlog",
        "Решите по каждому незавершённому обращению: следующий спринт или бэклог",
        "Вирішіть щодо кожного незавершеного звернення: наступний спринт чи беклог"
    ],
    RefusedCloseNotUnfinished => [
        "The sprint changed meanwhile; look at it again",
        "Спринт успел измениться, посмотрите его ещё раз",
        "Спринт встиг змінитися, перегляньте його ще раз"
    ],
    RefusedCloseTwice => [
        "A ticket is decided twice",
        "По одному обращению два решения",
        "Щодо одного звернення два рішення"
    ],
    RefusedNoNextSprint => [
        "There is no next sprint to carry tickets over into: create it first",
        "Нет следующего спринта для переноса: сначала создайте его",
        "Немає наступного спринту для перенесення: спершу створіть його"
    ],
    RefusedSprintNotOpen => [
        "This sprint has ended or does not exist",
        "Этот спринт завершён или не существует",
        "Цей спринт завершено або він не існує"
    ],
    RefusedOther => ["The change was refused", "Изменение отклонено", "Зміну відхилено"],

    // Admin area
    AdminTitle => ["Administration", "Администрирование", "Адміністрування"],
    AdminSections => ["Admin sections", "Разделы администрирования", "Розділи адміністрування"],
    AdminOrganisations => ["Organisations", "Организации", "Організації"],
    AdminContracts => ["Contracts", "Договоры", "Договори"],
    AdminCalendars => ["Calendars", "Календари", "Календарі"],
    AdminPolicies => ["SLA policies", "Политики SLA", "Політики SLA"],
    AdminDepartments => ["Second-line departments", "Отделы второй линии", "Відділи другої лінії"],
    AdminAccounts => ["Users and roles", "Пользователи и роли", "Користувачі та ролі"],
    AdminTemplates => ["Reply templates", "Шаблоны ответов", "Шаблони відповідей"],
    AdminMailIn => ["Mail in", "Входящая почта", "Вхідна пошта"],
    SortTicket => ["Sort", "Перенести", "Перенести"],
    SortHint => [
        "This mail came from an unknown address. Move it to the organisation it belongs to.",
        "Письмо пришло с незнакомого адреса. Перенесите обращение в организацию, к которой оно относится.",
        "Лист надійшов з незнайомої адреси. Перенесіть звернення до організації, до якої воно належить."
    ],
    RefusedNotInSortingQueue => [
        "Only tickets from unknown senders' mail can be sorted",
        "Переносить можно только обращения из писем незнакомых отправителей",
        "Переносити можна лише звернення з листів незнайомих відправників"
    ],
    MailDomain => ["Mail domain", "Почтовый домен", "Поштовий домен"],
    MailDomainHint => [
        "Mail from unknown addresses at this domain opens tickets for this organisation (e.g. technomarket.example).",
        "Письма с незнакомых адресов этого домена открывают обращения этой организации (например, technomarket.example).",
        "Листи з незнайомих адрес цього домену відкривають звернення цієї організації (наприклад, technomarket.example)."
    ],
    MailInCaption => [
        "The latest mails taken from the mailbox",
        "Последние письма, забранные из почтового ящика",
        "Останні листи, забрані з поштової скриньки"
    ],
    MailInEmpty => ["No mail has been taken in yet.", "Писем ещё не было.", "Листів ще не було."],
    MailFrom => ["From", "От кого", "Від кого"],
    MailSubject => ["Subject", "Тема", "Тема"],
    MailOutcome => ["Outcome", "Результат", "Результат"],
    MailOutcomeTicket => ["new ticket", "новое обращение", "нове звернення"],
    MailOutcomeComment => ["comment on", "комментарий к", "коментар до"],
    MailOutcomeIgnored => ["ignored", "пропущено", "пропущено"],
    MailOutcomeRefused => ["refused, reply sent", "отказ отправлен", "відмову надіслано"],
    MailReasonAutoReply => ["auto-reply", "автоответ", "автовідповідь"],
    MailReasonBulk => ["bulk mail", "массовая рассылка", "масова розсилка"],
    MailReasonMailingList => ["mailing list", "список рассылки", "список розсилки"],
    MailReasonBounce => ["delivery report", "отчёт о недоставке", "звіт про недоставку"],
    MailReasonOwnMail => ["our own mail came back", "вернулось наше собственное письмо", "повернувся наш власний лист"],
    MailReasonTooLarge => ["too large", "слишком большое", "завеликий"],
    MailReasonNoSender => ["no sender address", "нет адреса отправителя", "немає адреси відправника"],
    MailReasonStaffAddress => [
        "from a staff address (answer on the board)",
        "с адреса сотрудника (отвечайте на доске)",
        "з адреси співробітника (відповідайте на дошці)"
    ],
    MailReasonDisabledAccount => ["from a disabled account", "от отключённой учётной записи", "від вимкненого облікового запису"],
    MailReasonEmpty => ["nothing but quoted text", "только цитата", "лише цитата"],
    MailReasonRefusalAlreadySent => [
        "unknown sender, already refused today",
        "неизвестный отправитель, отказ уже отправлен сегодня",
        "невідомий відправник, відмову вже надіслано сьогодні"
    ],
    MailReasonUnknownSender => ["unknown sender", "неизвестный отправитель", "невідомий відправник"],
    MailReasonForeignThread => [
        "answered a ticket the sender may not see",
        "ответ на обращение, недоступное отправителю",
        "відповідь на звернення, недоступне відправнику"
    ],
    AdminLoading => ["Loading…", "Загрузка…", "Завантаження…"],
    AdminLoadFailed => [
        "The admin area could not be loaded",
        "Не удалось загрузить администрирование",
        "Не вдалося завантажити адміністрування"
    ],
    Name => ["Name", "Название", "Назва"],
    PersonName => ["Full name", "Имя и фамилия", "Ім’я та прізвище"],
    EditRecord => ["Edit", "Изменить", "Змінити"],
    AddNew => ["Add new", "Добавить", "Додати"],
    Save => ["Save", "Сохранить", "Зберегти"],
    Saving => ["Saving…", "Сохранение…", "Збереження…"],
    SavedOk => ["Saved.", "Сохранено.", "Збережено."],
    ClientsCount => ["Clients", "Клиенты", "Клієнти"],
    OpenTickets => ["Open tickets", "Открытые заявки", "Відкриті заявки"],
    ClientCategoryLabel => ["Client category", "Категория клиента", "Категорія клієнта"],
    CategoryPartner => ["Partner", "Партнёр", "Партнер"],
    CategoryCommercial => ["Commercial", "Коммерческий", "Комерційний"],
    SupportLevelLabel => ["Support level", "Уровень поддержки", "Рівень підтримки"],
    LevelStandard => ["Standard", "Стандартный", "Стандартний"],
    LevelOperative => ["Operative", "Оперативный", "Оперативний"],
    LevelEmergency => ["Emergency", "Экстренный", "Екстрений"],
    LevelGeneralConsultation => ["General consultation", "Общая консультация", "Загальна консультація"],
    LevelDevelopment => ["Development", "Разработка", "Розробка"],
    TicketLevelLabel => ["SLA level", "Уровень SLA", "Рівень SLA"],
    MarkEmergency => ["emergency confirmed", "экстренность подтверждена", "екстреність підтверджено"],
    MarkDevelopment => ["needs development", "требуется разработка", "потрібна розробка"],
    ConfirmEmergency => ["Confirm emergency", "Подтвердить экстренность", "Підтвердити екстреність"],
    WithdrawEmergency => ["Withdraw emergency", "Снять экстренность", "Зняти екстреність"],
    HandToDevelopment => ["Needs development", "Требуется разработка", "Потрібна розробка"],
    BackFromDevelopment => ["Back from development", "Вернуть из разработки", "Повернути з розробки"],
    LevelChangedEmergency => [
        "Emergency confirmed, SLA level",
        "Подтверждена экстренность, уровень SLA",
        "Підтверджено екстреність, рівень SLA"
    ],
    LevelChangedDevelopment => [
        "Needs development, SLA level",
        "Требуется разработка, уровень SLA",
        "Потрібна розробка, рівень SLA"
    ],
    LevelChangedContract => [
        "Back to the contract's SLA level",
        "Возврат к уровню SLA по договору",
        "Повернення до рівня SLA за договором"
    ],
    RefusedNoContract => [
        "The organisation has no valid contract: emergency support is given only under one.",
        "У организации нет действующего договора: экстренная поддержка оказывается только по договору.",
        "В організації немає чинного договору: екстрена підтримка надається лише за договором."
    ],
    NoTargetAge => ["No SLA target · open", "Без срока SLA · открыта", "Без терміну SLA · відкрита"],
    DeskCalendarLabel => [
        "The desk's calendar (tickets without a valid contract)",
        "Календарь службы (заявки без действующего договора)",
        "Календар служби (заявки без чинного договору)"
    ],
    MartialLawNote => [
        "Ukraine: under martial law (since 24 February 2022, Law No. 2136-IX) public holidays and weekend transfers do not apply — holidays are working days. The Kyiv calendar works them; they are entered as working days. When martial law ends, make them holidays.",
        "Украина: при военном положении (с 24 февраля 2022 г., Закон № 2136-IX) праздничные дни и переносы выходных не применяются — праздники являются рабочими днями. Календарь «Киев» их отрабатывает; они внесены как рабочие дни. Когда военное положение закончится, сделайте их праздниками.",
        "Україна: під час воєнного стану (з 24 лютого 2022 р., Закон № 2136-IX) святкові дні та перенесення вихідних не застосовуються — свята є робочими днями. Календар «Київ» їх відпрацьовує; вони внесені як робочі дні. Коли воєнний стан закінчиться, зробіть їх святами."
    ],
    DevelopmentRuleLabel => ["When a ticket needs development", "Когда требуется разработка", "Коли потрібна розробка"],
    DevelopmentRuleLevel => [
        "it takes the development level",
        "заявка получает уровень «Разработка»",
        "заявка отримує рівень «Розробка»"
    ],
    DevelopmentRuleEstimate => [
        "its resolution follows the estimate",
        "срок решения — по оценке трудоёмкости",
        "термін вирішення — за оцінкою трудомісткості"
    ],
    DevelopmentRuleNoResolution => [
        "it has no resolution target",
        "срока решения нет",
        "терміну вирішення немає"
    ],
    PausingWaitsLabel => ["Waits that pause the clock", "Ожидания, останавливающие отсчёт", "Очікування, що зупиняють відлік"],
    SlaPolicyLabel => ["SLA policy", "Политика SLA", "Політика SLA"],
    CalendarLabel => ["Calendar", "Календарь", "Календар"],
    ValidFrom => ["Valid from", "Действует с", "Діє з"],
    ValidUntil => ["Valid until", "Действует по", "Діє до"],
    ValidUntilHint => [
        "Inclusive; leave empty for a contract without end. Days are read in the calendar's time zone.",
        "Включительно; пусто — бессрочный договор. Даты считаются в часовом поясе календаря.",
        "Включно; порожньо — безстроковий договір. Дати рахуються в часовому поясі календаря."
    ],
    NoEnd => ["no end", "бессрочно", "безстроково"],
    Curator => ["Curator", "Куратор", "Куратор"],
    NoCurator => ["No curator", "Без куратора", "Без куратора"],
    ChooseOne => ["Choose…", "Выберите…", "Виберіть…"],
    TimeZone => ["Time zone", "Часовой пояс", "Часовий пояс"],
    WorkingWeek => ["Working week", "Рабочая неделя", "Робочий тиждень"],
    HolidaysLabel => ["Holidays", "Праздники", "Свята"],
    CalendarJson => ["Calendar as JSON", "Календарь в формате JSON", "Календар у форматі JSON"],
    CalendarJsonHint => [
        "Paste an exported calendar to import it; the text below is also the export.",
        "Вставьте экспортированный календарь, чтобы импортировать его; этот текст — также экспорт.",
        "Вставте експортований календар, щоб імпортувати його; цей текст — також експорт."
    ],
    // The calendar editor's weekly grid, holidays and special days
    CalendarAlways => ["Round the clock (24/7)", "Круглосуточно (24/7)", "Цілодобово (24/7)"],
    CalendarZoneHint => [
        "An IANA name such as Europe/Moscow; the server checks it when saving.",
        "Название IANA, например Europe/Moscow; сервер проверит его при сохранении.",
        "Назва IANA, наприклад Europe/Moscow; сервер перевірить її під час збереження."
    ],
    CalendarWeekHint => [
        "A lunch break is two intervals, e.g. 09:00–13:00 and 14:00–18:00. An end of 00:00 means midnight.",
        "Обеденный перерыв — это два интервала, например 09:00–13:00 и 14:00–18:00. Конец 00:00 означает полночь.",
        "Обідня перерва — це два інтервали, наприклад 09:00–13:00 і 14:00–18:00. Кінець 00:00 означає північ."
    ],
    WeekdayMonday => ["Monday", "Понедельник", "Понеділок"],
    WeekdayTuesday => ["Tuesday", "Вторник", "Вівторок"],
    WeekdayWednesday => ["Wednesday", "Среда", "Середа"],
    WeekdayThursday => ["Thursday", "Четверг", "Четвер"],
    WeekdayFriday => ["Friday", "Пятница", "П'ятниця"],
    WeekdaySaturday => ["Saturday", "Суббота", "Субота"],
    WeekdaySunday => ["Sunday", "Воскресенье", "Неділя"],
    IntervalFrom => ["from", "начало", "початок"],
    IntervalTo => ["to", "конец", "кінець"],
    CalendarDayOff => ["day off", "выходной", "вихідний"],
    CalendarAddInterval => ["Add interval", "Добавить интервал", "Додати інтервал"],
    CalendarRemoveInterval => ["Remove interval", "Удалить интервал", "Видалити інтервал"],
    CalendarCopyMonday => ["Copy Monday to Tue–Fri", "Скопировать понедельник на Вт–Пт", "Скопіювати понеділок на Вт–Пт"],
    CalendarNoHolidays => ["No holidays yet.", "Праздников пока нет.", "Свят поки немає."],
    CalendarHolidayDate => ["New holiday", "Новый праздник", "Нове свято"],
    CalendarAdd => ["Add", "Добавить", "Додати"],
    CalendarRemove => ["Remove", "Удалить", "Видалити"],
    CalendarHolidayListed => ["Already in the list.", "Уже в списке.", "Вже є у списку."],
    CalendarSpecialDays => ["Special days", "Особые дни", "Особливі дні"],
    CalendarSpecialHint => [
        "Shortened days and working weekends: their hours replace the week's. Both times empty: no working time that day.",
        "Сокращённые дни и рабочие выходные: их часы заменяют часы недели. Оба времени пусты — в этот день не работаем.",
        "Скорочені дні та робочі вихідні: їхні години замінюють години тижня. Обидва часи порожні — цього дня не працюємо."
    ],
    CalendarSpecialDay => ["Special day", "Особый день", "Особливий день"],
    CalendarDate => ["date", "дата", "дата"],
    CalendarNoSpecialDays => ["No special days.", "Особых дней нет.", "Особливих днів немає."],
    CalendarAddSpecialDay => ["Add special day", "Добавить особый день", "Додати особливий день"],
    CalendarLoadJson => ["Load into the grid", "Загрузить в таблицу", "Завантажити в таблицю"],
    ProblemBadTime => ["Enter a time as HH:MM.", "Укажите время в виде ЧЧ:ММ.", "Вкажіть час у вигляді ГГ:ХХ."],
    ProblemEndNotAfterFrom => [
        "“To” must be after “from”.",
        "Конец должен быть позже начала.",
        "Кінець має бути пізніше за початок."
    ],
    ProblemIntervalsOverlap => ["The intervals overlap.", "Интервалы пересекаются.", "Інтервали перетинаються."],
    ProblemHolidayAndSpecial => [
        "This date is also a holiday: keep it in one list only.",
        "Эта дата — также праздник: оставьте её только в одном списке.",
        "Ця дата — також свято: залиште її лише в одному списку."
    ],
    ProblemNoWorkingTime => [
        "No working time: give hours to a weekday or a special day, or choose round the clock.",
        "Нет рабочего времени: задайте часы дню недели или особому дню либо выберите «круглосуточно».",
        "Немає робочого часу: задайте години дню тижня або особливому дню чи виберіть «цілодобово»."
    ],
    DownloadJson => ["Download JSON", "Скачать JSON", "Завантажити JSON"],
    ImportIcs => ["Import holidays from iCal", "Импорт праздников из iCal", "Імпорт свят з iCal"],
    IcsFile => ["iCal file (.ics)", "Файл iCal (.ics)", "Файл iCal (.ics)"],
    IcsText => ["…or paste its text", "…или вставьте его текст", "…або вставте його текст"],
    Import => ["Import", "Импортировать", "Імпортувати"],
    PolicyCode => ["Code", "Код", "Код"],
    PolicyJson => ["Policy as JSON", "Политика в формате JSON", "Політика у форматі JSON"],
    PolicyJsonHint => [
        "Levels and rules: the most specific rule (priority and category, then priority, then category, then the level's default) sets each target.",
        "Уровни и правила: каждый срок берётся из самого точного правила (приоритет и категория, затем приоритет, затем категория, затем общее правило уровня).",
        "Рівні та правила: кожен строк береться з найточнішого правила (пріоритет і категорія, потім пріоритет, потім категорія, потім загальне правило рівня)."
    ],
    // The policy table form
    PolicyCodeHint => [
        "Latin lower-case letters, digits and _; contracts refer to it, so it cannot change later.",
        "Латинские строчные буквы, цифры и _; на него ссылаются договоры, поэтому потом его не изменить.",
        "Латинські малі літери, цифри та _; на нього посилаються договори, тому потім його не змінити."
    ],
    AtRiskPercent => [
        "At risk when less than this share is left, %",
        "Под угрозой, когда осталось меньше, %",
        "Під загрозою, коли лишилося менше, %"
    ],
    RuleLabel => ["Rule", "Правило", "Правило"],
    AmountLabel => ["amount", "количество", "кількість"],
    UnitLabel => ["unit", "единица", "одиниця"],
    UnitNone => ["no target", "без срока", "без строку"],
    UnitMinutes => ["working minutes", "рабочих минут", "робочих хвилин"],
    UnitHours => ["working hours", "рабочих часов", "робочих годин"],
    UnitWorkingDays => ["working days", "рабочих дней", "робочих днів"],
    UnitCalendarHours => ["calendar hours", "календарных часов", "календарних годин"],
    UnitEstimate => ["by the estimate", "по оценке трудоёмкости", "за оцінкою трудомісткості"],
    AddRule => ["Add a rule", "Добавить правило", "Додати правило"],
    RemoveRule => ["Remove", "Удалить", "Видалити"],
    AddLevel => ["Add a level", "Добавить уровень", "Додати рівень"],
    RemoveLevel => ["Remove the level", "Удалить уровень", "Видалити рівень"],
    BestEffortToggle => ["No targets (best effort)", "Без гарантированных сроков", "Без гарантованих строків"],
    BestEffortHint => [
        "Tickets of this level have no countdown; their cards show how long they have been open.",
        "У заявок этого уровня нет обратного отсчёта; на карточке видно, сколько заявка открыта.",
        "Заявки цього рівня не мають зворотного відліку; на картці видно, скільки заявка відкрита."
    ],
    PolicyJsonIoHint => [
        "Opened, this shows the form as JSON to copy. Paste a policy here and load it to import it; nothing is saved until you press Save.",
        "При открытии здесь форма в виде JSON для копирования. Вставьте политику и загрузите её в форму, чтобы импортировать; ничего не сохранится, пока вы не нажмёте «Сохранить».",
        "Під час відкриття тут форма у вигляді JSON для копіювання. Вставте політику й завантажте її у форму, щоб імпортувати; нічого не збережеться, доки ви не натиснете «Зберегти»."
    ],
    LoadIntoForm => ["Load into the form", "Загрузить в форму", "Завантажити у форму"],
    PolicyNoRules => [
        "Give at least one level a rule, or mark it as having no targets.",
        "Задайте хотя бы одному уровню правило или отметьте его как уровень без сроков.",
        "Задайте хоча б одному рівню правило або позначте його як рівень без строків."
    ],
    PolicyLevelTwice => [
        "This level is already listed above: keep its rules in one place.",
        "Этот уровень уже есть выше: держите его правила в одном месте.",
        "Цей рівень уже є вище: тримайте його правила в одному місці."
    ],
    PolicyBestEffortRules => [
        "A level without targets has no rules.",
        "У уровня без сроков не бывает правил.",
        "Рівень без строків не має правил."
    ],
    PolicyRuleTwice => [
        "Another rule of this level has the same priority and category.",
        "У этого уровня уже есть правило с тем же приоритетом и категорией.",
        "Цей рівень уже має правило з тим самим пріоритетом і категорією."
    ],
    PolicyRuleNoTarget => [
        "Set a reaction or a resolution target, or remove the rule.",
        "Задайте срок реакции или решения либо удалите правило.",
        "Задайте строк реакції або вирішення чи видаліть правило."
    ],
    PolicyEstimateAndResolution => [
        "A resolution is either a fixed target or the estimate, not both.",
        "Срок решения — либо фиксированный, либо по оценке, не оба сразу.",
        "Строк вирішення — або фіксований, або за оцінкою, не обидва одразу."
    ],
    CopyAsNew => ["Copy as a new policy", "Копировать как новую политику", "Копіювати як нову політику"],
    AnyLevel => ["Any level", "Любой уровень", "Будь-який рівень"],
    AnyValue => ["any", "любой", "будь-який"],
    PolicyRules => ["Targets", "Сроки", "Строки"],
    LevelsCount => ["Levels", "Уровни", "Рівні"],
    DepartmentChannelLabel => ["Channel", "Канал", "Канал"],
    ChannelMattermost => ["Mattermost", "Mattermost", "Mattermost"],
    DepartmentAddress => ["Address", "Адрес", "Адреса"],
    DepartmentAddressHint => [
        "One or more: an email address, or a Mattermost incoming webhook URL (https://chat…/hooks/…).",
        "Один или несколько: адрес эл. почты или URL входящего вебхука Mattermost (https://chat…/hooks/…).",
        "Один або кілька: адреса ел. пошти або URL вхідного вебхука Mattermost (https://chat…/hooks/…)."
    ],
    DepartmentChannels => ["Channels", "Каналы", "Канали"],
    SecondLine => ["Second line", "Вторая линия", "Друга лінія"],
    Escalate => ["Escalate to a department", "Передать во 2-ю линию", "Передати в 2-гу лінію"],
    EscalationDepartment => ["Department", "Отдел", "Відділ"],
    EscalationQuestion => ["Question", "Вопрос", "Питання"],
    EscalationQuestionEmpty => [
        "Write the question for the department first.",
        "Сначала напишите вопрос для отдела.",
        "Спочатку напишіть питання для відділу."
    ],
    EscalationAnswerLabel => ["The department's answer", "Ответ отдела", "Відповідь відділу"],
    EscalationAnswerEmpty => [
        "Write the department's answer first.",
        "Сначала впишите ответ отдела.",
        "Спочатку впишіть відповідь відділу."
    ],
    EscalationRecordAnswer => ["Record the answer", "Записать ответ", "Записати відповідь"],
    EscalationWithdraw => ["Withdraw", "Отозвать", "Відкликати"],
    EscalationRefused => ["Not done", "Не выполнено", "Не виконано"],
    EscalationAskedBy => ["Asked by", "Спросил(а):", "Запитав(ла):"],
    EscalationOpen => ["Waiting for the answer", "Ждём ответа", "Чекаємо на відповідь"],
    EscalationAnswered => ["Answered", "Отвечено", "Відповідено"],
    EscalationWithdrawn => ["Withdrawn", "Отозвано", "Відкликано"],
    RefusedEscalationClosed => [
        "this escalation is answered or withdrawn already",
        "этот вопрос уже отвечен или отозван",
        "це питання вже має відповідь або відкликане"
    ],
    EscalatedEvent => ["Escalated to the second line", "Передано во 2-ю линию", "Передано в 2-гу лінію"],
    EscalationAnsweredEvent => ["Second line answered", "Ответ 2-й линии", "Відповідь 2-ї лінії"],
    EscalationWithdrawnEvent => ["Escalation withdrawn", "Вопрос во 2-ю линию отозван", "Питання до 2-ї лінії відкликано"],
    EscalationOverdueEvent => ["Second line overdue", "2-я линия просрочила ответ", "2-га лінія прострочила відповідь"],
    RefusedUnknownDepartment => ["there is no such department", "такого отдела нет", "такого відділу немає"],
    AddChannel => ["Add a channel", "Добавить канал", "Додати канал"],
    RemoveChannel => ["Remove channel", "Удалить канал", "Видалити канал"],
    NoChannelsYet => ["No channels yet", "Каналы не заданы", "Канали не задано"],
    DeadlineDays => ["Deadline, working days", "Срок, рабочих дней", "Строк, робочих днів"],
    EmailLabel => ["Email", "Эл. почта", "Ел. пошта"],
    RoleLabel => ["Role", "Роль", "Роль"],
    PasswordLabel => ["Password", "Пароль", "Пароль"],
    NewPasswordLabel => ["New password", "Новый пароль", "Новий пароль"],
    PasswordHint => [
        "At least 12 characters. Tell it to the person by a separate channel.",
        "Не меньше 12 символов. Сообщите его человеку по отдельному каналу.",
        "Не менше 12 символів. Повідомте його людині окремим каналом."
    ],
    SetPassword => ["Set password", "Задать пароль", "Встановити пароль"],
    PasswordSet => ["Password set.", "Пароль задан.", "Пароль встановлено."],
    AccountDisabled => ["Disabled", "Отключён", "Вимкнено"],
    AccountActive => ["Active", "Активен", "Активний"],
    NoPasswordYet => ["No password yet", "Пароль не задан", "Пароль не встановлено"],
    Disable => ["Disable", "Отключить", "Вимкнути"],
    Enable => ["Enable", "Включить", "Увімкнути"],
    StatusColumn => ["Status", "Состояние", "Стан"],
    BodyEn => ["Text in English", "Текст на английском", "Текст англійською"],
    BodyRu => ["Text in Russian", "Текст на русском", "Текст російською"],
    BodyUk => ["Text in Ukrainian", "Текст на украинском", "Текст українською"],
    PlaceholdersLabel => ["Placeholders", "Подстановки", "Підстановки"],
    InsertTemplate => ["Insert a reply template", "Вставить шаблон ответа", "Вставити шаблон відповіді"],
    NoTemplate => ["No template", "Без шаблона", "Без шаблону"],
    Estimate => ["Estimate", "Оценка трудоёмкости", "Оцінка трудомісткості"],
    EstimateHours => ["Estimate, working hours", "Оценка, рабочих часов", "Оцінка, робочих годин"],
    NotEstimated => ["Not estimated", "Не оценено", "Не оцінено"],
    NoSprint => ["Not in a sprint", "Вне спринта", "Поза спринтом"],
    SprintName => ["Sprint name", "Название спринта", "Назва спринту"],
    SprintGoal => ["Goal", "Цель", "Мета"],
    SprintStarts => ["First day", "Первый день", "Перший день"],
    SprintLength => ["Length, days", "Длительность, дней", "Тривалість, днів"],
    SprintCapacity => ["Capacity, working hours", "Ёмкость, рабочих часов", "Місткість, робочих годин"],
    SprintPlanned => ["Planned", "Запланирован", "Заплановано"],
    SprintActive => ["Active", "Идёт", "Триває"],
    SprintFinished => ["Finished", "Завершён", "Завершено"],
    SprintLoad => ["Estimated / capacity", "Оценено / ёмкость", "Оцінено / місткість"],
    SprintTickets => ["Planned tickets", "Запланированные обращения", "Заплановані звернення"],
    SprintNoTickets => ["No tickets planned yet.", "Обращения ещё не запланированы.", "Звернення ще не заплановані."],
    DueBeforeSprintEnd => [
        "SLA deadline before the sprint ends",
        "Срок SLA наступит до конца спринта",
        "Строк SLA настане до кінця спринту"
    ],
    NoSprints => ["No sprints yet.", "Спринтов пока нет.", "Спринтів поки немає."],
    ChooseSprintPrompt => [
        "Several sprints are open and none is running. Plan into which? Type its number:",
        "Открыто несколько спринтов, и ни один не идёт. В какой запланировать? Введите номер:",
        "Відкрито кілька спринтів, і жоден не триває. У який запланувати? Введіть номер:"
    ],
    FilterActiveSprint => ["Active sprint", "Текущий спринт", "Поточний спринт"],
    PlanTitle => ["Sprint planning", "Планирование спринта", "Планування спринту"],
    PlanSprintLink => ["Plan", "Планировать", "Планувати"],
    PlanLoadFailed => ["The plan could not be loaded", "Не удалось загрузить план", "Не вдалося завантажити план"],
    PlanPlannedNotice => ["Planned into the sprint.", "Запланировано в спринт.", "Заплановано у спринт."],
    PlanUnplannedNotice => ["Back in the backlog.", "Возвращено в бэклог.", "Повернуто до беклогу."],
    PlanReorderedNotice => ["The order is saved.", "Порядок сохранён.", "Порядок збережено."],
    PlanInto => ["Plan into…", "Запланировать в…", "Запланувати в…"],
    PlanBackToBacklog => ["Back to the backlog", "Вернуть в бэклог", "Повернути до беклогу"],
    PlanBacklog => [
        "Backlog, least time left first",
        "Бэклог: сначала те, где меньше всего времени",
        "Беклог: спершу ті, де найменше часу"
    ],
    PlanSprintList => ["The sprint, in working order", "Спринт в порядке работы", "Спринт у порядку роботи"],
    PlanKeyboardHelp => [
        "Keyboard: Shift+→ plans the focused backlog ticket, Shift+← takes a sprint ticket out, Shift+↑ and Shift+↓ change the order.",
        "Клавиатура: Shift+→ планирует выбранное обращение из бэклога, Shift+← возвращает обращение из спринта, Shift+↑ и Shift+↓ меняют порядок.",
        "Клавіатура: Shift+→ планує вибране звернення з беклогу, Shift+← повертає звернення зі спринту, Shift+↑ і Shift+↓ змінюють порядок."
    ],
    ForecastOnTime => ["In time", "Успеваем", "Встигаємо"],
    ForecastLateBy => ["Breach by", "Просрочка на", "Прострочення на"],
    ForecastBreached => ["Already breached", "Срок уже нарушен", "Строк уже порушено"],
    ForecastPaused => ["Clock paused", "Часы на паузе", "Годинник на паузі"],
    ForecastNoDeadline => ["No deadline", "Без срока", "Без строку"],
    ForecastDoneBy => ["done by", "будет готово", "буде готово"],
    ForecastWouldBreach => ["Would breach", "Будут просрочены", "Будуть прострочені"],
    OutcomeDone => ["Done", "Сделано", "Зроблено"],
    OutcomeCarried => ["Carried over", "Перенесено", "Перенесено"],
    OutcomeCarriedOver => ["Carried over to", "Перенесено в", "Перенесено до"],
    SlaOutcomeMet => ["SLA met", "SLA соблюдён", "SLA дотримано"],
    SlaOutcomeBreached => ["SLA breached", "SLA нарушен", "SLA порушено"],
    SlaOutcomeOpen => ["SLA clock running", "Часы SLA идут", "Годинник SLA йде"],
    SlaOutcomeNone => ["No SLA deadline", "Без срока SLA", "Без строку SLA"],
    SprintReport => ["Sprint report", "Отчёт по спринту", "Звіт за спринтом"],
    ReportOutcome => ["Outcome", "Итог", "Підсумок"],
    SprintClosed => ["Closed", "Закрыт", "Закрито"],
    SprintClosedNotice => ["The sprint is closed.", "Спринт закрыт.", "Спринт закрито."],
    CloseSprint => ["Close the sprint", "Закрыть спринт", "Закрити спринт"],
    CloseChoice => ["What becomes of", "Что делать с", "Що робити з"],
    ChartDay => ["Day", "День", "День"],
    ChartBurndown => ["Burndown", "Диаграмма сгорания", "Діаграма згоряння"],
    ChartVelocity => ["Velocity of the last sprints", "Скорость последних спринтов", "Швидкість останніх спринтів"],
    ChartRemaining => ["Remaining estimate", "Осталось по оценке", "Залишилось за оцінкою"],
    ChartIdeal => ["Ideal", "Идеальная линия", "Ідеальна лінія"],
    ChartStart => ["Start", "Начало", "Початок"],
    ChartDoneEstimate => ["Done estimate", "Сделано по оценке", "Зроблено за оцінкою"],
    ChartHours => ["hours", "часы", "години"],
    NewSprint => ["New sprint", "Новый спринт", "Новий спринт"],
    SprintsLoadFailed => ["Sprints could not be loaded", "Не удалось загрузить спринты", "Не вдалося завантажити спринти"],
    ClearEstimate => ["Clear", "Очистить", "Очистити"],
    EstimateRange => [
        "A whole number of working hours, 1 to 10000.",
        "Целое число рабочих часов, от 1 до 10000.",
        "Ціле число робочих годин, від 1 до 10000."
    ],
    AdminHome => [
        "Admins manage the desk here; tickets are worked by agents on the board.",
        "Здесь администратор настраивает службу поддержки; заявки ведут сотрудники на доске.",
        "Тут адміністратор налаштовує службу підтримки; заявки ведуть співробітники на дошці."
    ],
    ProblemRequired => ["Required.", "Обязательное поле.", "Обов’язкове поле."],
    ProblemInvalid => ["Not a valid value.", "Недопустимое значение.", "Неприпустиме значення."],
    ProblemTaken => ["Already in use.", "Уже занято.", "Вже зайнято."],
    ProblemUnknown => [
        "Not found (it may have been removed); reload the page.",
        "Не найдено (возможно, удалено); обновите страницу.",
        "Не знайдено (можливо, видалено); оновіть сторінку."
    ],
    ProblemNotAfterStart => ["Must not be before the start.", "Не может быть раньше начала.", "Не може бути раніше за початок."],
    ProblemLevelNotInPolicy => [
        "This policy sets no targets for this level.",
        "Эта политика не задаёт сроков для этого уровня.",
        "Ця політика не задає строків для цього рівня."
    ],
    ProblemOrganisationMismatch => [
        "Only clients belong to an organisation.",
        "К организации относятся только клиенты.",
        "До організації належать лише клієнти."
    ],
    ProblemOwnAccount => [
        "You cannot do this to your own account; ask another admin.",
        "Нельзя сделать это со своей учётной записью; попросите другого администратора.",
        "Не можна зробити це зі своїм обліковим записом; попросіть іншого адміністратора."
    ],
    ProblemPublicMailDomain => [
        "A public mail service: anyone could write in this organisation's name.",
        "Общедоступный почтовый сервис: от имени организации мог бы писать кто угодно.",
        "Загальнодоступний поштовий сервіс: від імені організації міг би писати будь-хто."
    ],

    // Mail: the admin's outbox and each person's notification settings
    AdminOutbox => ["Outbox", "Исходящая почта", "Вихідна пошта"],
    OutboxNoSmtp => [
        "No mail server is configured (--smtp-url): mails wait here and are sent once one is.",
        "Почтовый сервер не настроен (--smtp-url): письма ждут здесь и уйдут, когда он появится.",
        "Поштовий сервер не налаштовано (--smtp-url): листи чекають тут і підуть, коли він з'явиться."
    ],
    OutboxAll => ["All", "Все", "Усі"],
    OutboxPending => ["Waiting", "Ожидают", "Очікують"],
    OutboxSent => ["Sent", "Отправлены", "Надіслані"],
    OutboxFailed => ["Failed", "Не доставлены", "Не доставлені"],
    OutboxEmpty => ["No mails here.", "Писем нет.", "Листів немає."],
    OutboxFilter => ["Show mails", "Показать письма", "Показати листи"],
    OutboxWhen => ["Created", "Создано", "Створено"],
    OutboxKind => ["Kind", "Вид", "Вид"],
    OutboxTo => ["To", "Кому", "Кому"],
    OutboxSubject => ["Subject", "Тема", "Тема"],
    OutboxState => ["State", "Состояние", "Стан"],
    OutboxAttempts => ["Attempts", "Попыток", "Спроб"],
    OutboxNextAttempt => ["next attempt", "следующая попытка", "наступна спроба"],
    OutboxRetry => ["Send again", "Отправить снова", "Надіслати знову"],
    OutboxRetried => ["The mail is back in the queue.", "Письмо снова в очереди.", "Лист знову в черзі."],
    MailAcknowledgement => ["Registration", "Регистрация", "Реєстрація"],
    MailReply => ["Replies from support", "Ответы поддержки", "Відповіді підтримки"],
    MailClientReplied => ["Client replies", "Ответы клиентов", "Відповіді клієнтів"],
    MailInfoRequested => ["Information requests", "Запросы информации", "Запити інформації"],
    MailApprovalRequested => ["Approval requests", "Запросы согласования", "Запити погодження"],
    MailPaymentRequested => ["Waiting for payment", "Ожидание оплаты", "Очікування оплати"],
    MailReleased => ["Releases to check", "Выпуски на проверку", "Випуски на перевірку"],
    MailRejected => ["Rejections", "Отклонения", "Відхилення"],
    MailSlaAtRisk => ["SLA at risk", "SLA под угрозой", "SLA під загрозою"],
    MailSlaBreached => ["SLA breached", "SLA нарушен", "SLA порушено"],
    MailEscalation => ["Questions to second-line departments", "Вопросы во 2-ю линию", "Питання до 2-ї лінії"],
    MailEscalationOverdue => [
        "A second-line department missed its deadline",
        "Отдел 2-й линии не ответил в срок",
        "Відділ 2-ї лінії не відповів у строк"
    ],
    MailRefusal => ["Refusals to unknown senders", "Отказы неизвестным отправителям", "Відмови невідомим відправникам"],
    NotificationsTitle => ["Mail notifications", "Уведомления по почте", "Сповіщення поштою"],
    NotificationsIntro => [
        "Which mails the desk sends you. The registration letter of your own requests always comes: it confirms the request was accepted.",
        "Какие письма присылает служба поддержки. Письмо о регистрации ваших обращений приходит всегда: оно подтверждает, что обращение принято.",
        "Які листи надсилає служба підтримки. Лист про реєстрацію ваших звернень надходить завжди: він підтверджує, що звернення прийнято."
    ],
    NotificationsNone => [
        "Your role receives no notification mails.",
        "Вашей роли уведомления по почте не приходят.",
        "Вашій ролі сповіщення поштою не надходять."
    ],
    NotificationsAddress => ["Mails go to", "Письма приходят на", "Листи надходять на"],
    MailLanguage => ["Language of mails", "Язык писем", "Мова листів"],
    MailLanguageDefault => ["The desk's default", "Как принято в службе", "Як прийнято в службі"],
    NotificationsKinds => ["Send me", "Присылать мне", "Надсилати мені"],
    NotificationsSave => ["Save", "Сохранить", "Зберегти"],
    NotificationsSaved => ["Saved.", "Сохранено.", "Збережено."],
    NotificationsLink => ["Mail settings", "Настройки писем", "Налаштування листів"],
    // Attachments
    Attachments => ["Attachments", "Вложения", "Вкладення"],
    FileAttached => ["File attached", "Прикреплён файл", "Прикріплено файл"],

    // Reports (issue 15)
    ReportLoading => ["Loading the report…", "Загружаем отчёт…", "Завантажуємо звіт…"],
    ReportLoadFailed => ["The report could not be loaded", "Не удалось загрузить отчёт", "Не вдалося завантажити звіт"],
    ReportMonth => ["Month", "Месяц", "Місяць"],
    ReportLevel => ["SLA level", "Уровень SLA", "Рівень SLA"],
    ReportEveryone => ["All", "Все", "Усі"],
    ReportEveryLevel => ["All levels", "Все уровни", "Усі рівні"],
    ReportShow => ["Show", "Показать", "Показати"],
    ReportSummary => ["The month in figures", "Месяц в цифрах", "Місяць у цифрах"],
    ReportCompliance => ["SLA compliance", "Соблюдение SLA", "Дотримання SLA"],
    ReportReaction => ["Reaction", "Реакция", "Реакція"],
    ReportResolution => ["Resolution", "Решение", "Вирішення"],
    ReportReactions => ["Reactions", "Реакций", "Реакцій"],
    ReportReactionsMet => ["Reactions in time", "Реакций в срок", "Реакцій вчасно"],
    ReportReactionShare => ["Reactions in time, %", "Реакции в срок, %", "Реакції вчасно, %"],
    ReportResolutions => ["Resolutions", "Решений", "Вирішень"],
    ReportResolutionsMet => ["Resolutions in time", "Решений в срок", "Вирішень вчасно"],
    ReportResolutionShare => ["Resolutions in time, %", "Решения в срок, %", "Вирішення вчасно, %"],
    ReportByOrganisation => ["By organisation", "По организациям", "За організаціями"],
    ReportByAgent => ["By agent", "По исполнителям", "За виконавцями"],
    ReportByLevel => ["By SLA level", "По уровням SLA", "За рівнями SLA"],
    ReportBreaches => ["Breaches", "Нарушения", "Порушення"],
    ReportBreachList => ["Deadlines missed", "Пропущенные сроки", "Пропущені строки"],
    ReportBreachesShown => ["Shown: the first", "Показаны первые", "Показано перші"],
    ReportTicket => ["Ticket", "Заявка", "Заявка"],
    ReportClock => ["Clock", "Срок", "Строк"],
    ReportDeadline => ["Deadline", "Крайний срок", "Кінцевий строк"],
    ReportLateBy => ["Late by (working time)", "Опоздание (рабочее время)", "Запізнення (робочий час)"],
    ReportStillOpen => ["still open", "ещё не закрыт", "ще не закритий"],
    ReportReopens => ["Reopened", "Переоткрыто", "Перевідкрито"],
    ReportFirstResponses => ["First responses", "Первых ответов", "Перших відповідей"],
    ReportWorkingTime => ["Working time", "Рабочее время", "Робочий час"],
    ReportTicketsUnit => ["tickets", "заявок", "заявок"],
    ReportQuality => ["Quality score", "Оценка качества", "Оцінка якості"],
    ReportQualityByAgent => ["Quality by agent", "Качество по исполнителям", "Якість за виконавцями"],
    ReportRatings => ["Ratings", "Оценок", "Оцінок"],
    ReportAverage => ["Average", "Средняя", "Середня"],
    ReportBand => ["Band", "Уровень", "Рівень"],
    ReportNoRatings => ["no ratings", "нет оценок", "немає оцінок"],
    ReportTrend => ["The last 12 months", "Последние 12 месяцев", "Останні 12 місяців"],
    ReportNothing => ["Nothing this month.", "В этом месяце ничего.", "Цього місяця нічого."],
    OrganisationReportsVisible => [
        "Its clients may see the organisation's own SLA report",
        "Клиенты организации видят её собственный отчёт по SLA",
        "Клієнти організації бачать її власний звіт щодо SLA"
    ],
    QualityBandsHeading => [
        "Quality score bands (monthly average rating)",
        "Уровни оценки качества (средняя оценка за месяц)",
        "Рівні оцінки якості (середня оцінка за місяць)"
    ],
    QualityBandGoodFrom => ["Good from", "«Хорошо» от", "«Добре» від"],
    QualityBandNormalFrom => ["Normal from", "«Нормально» от", "«Нормально» від"],
    QualityBandsInvalid => [
        "Each edge is from 1.00 to 5.00, and good starts above normal.",
        "Каждая граница от 1,00 до 5,00, и «хорошо» начинается выше «нормально».",
        "Кожна межа від 1,00 до 5,00, і «добре» починається вище «нормально»."
    ],
    ReportCsv => ["Download CSV", "Скачать CSV", "Завантажити CSV"],
    BandGood => ["good", "хорошо", "добре"],
    BandNormal => ["normal", "нормально", "нормально"],
    BandUnacceptable => ["unacceptable", "неприемлемо", "неприйнятно"],
    ChartCompliance => ["Share in time per month, %", "Доля в срок по месяцам, %", "Частка вчасно за місяцями, %"],
    ChartQuality => ["Average rating per month", "Средняя оценка по месяцам", "Середня оцінка за місяцями"],
    ChartResponses => ["First response (working time)", "Первый ответ (рабочее время)", "Перша відповідь (робочий час)"],
    BucketUpTo15Min => ["≤ 15 min", "≤ 15 мин", "≤ 15 хв"],
    Bucket15To30Min => ["15–30 min", "15–30 мин", "15–30 хв"],
    Bucket30MinTo1H => ["30 min–1 h", "30 мин–1 ч", "30 хв–1 год"],
    Bucket1To2H => ["1–2 h", "1–2 ч", "1–2 год"],
    Bucket2To4H => ["2–4 h", "2–4 ч", "2–4 год"],
    Bucket4To8H => ["4–8 h", "4–8 ч", "4–8 год"],
    BucketOver8H => ["> 8 h", "> 8 ч", "> 8 год"],
    RefusedInvalidMonth => [
        "a month is written as YYYY-MM",
        "месяц записывается как ГГГГ-ММ",
        "місяць записується як РРРР-ММ"
    ],

    // Deadline extension with the client's agreement (issue 15, seed 004)
    ExtensionProposedEvent => ["New deadline proposed", "Предложен новый срок", "Запропоновано новий термін"],
    ExtensionAgreedEvent => [
        "Client agreed to the new deadline",
        "Клиент согласовал новый срок",
        "Клієнт погодив новий термін"
    ],
    ExtensionAgreedMailEvent => [
        "Client agreed to the new deadline by mail",
        "Клиент согласовал новый срок письмом",
        "Клієнт погодив новий термін листом"
    ],
    ExtensionDeclinedEvent => [
        "Client declined the new deadline",
        "Клиент отклонил новый срок",
        "Клієнт відхилив новий термін"
    ],
    ExtensionDeclinedMailEvent => [
        "Client declined the new deadline by mail",
        "Клиент отклонил новый срок письмом",
        "Клієнт відхилив новий термін листом"
    ],
    ExtensionWithdrawnEvent => [
        "Deadline proposal withdrawn",
        "Предложение нового срока отозвано",
        "Пропозицію нового терміну відкликано"
    ],
    RefusedClientMustAgree => [
        "only the client agrees to a new deadline",
        "новый срок согласует только клиент",
        "новий термін погоджує лише клієнт"
    ],
    RefusedResolutionStopped => [
        "the resolution deadline no longer runs: the ticket is released or closed",
        "срок решения больше не идёт: заявка выпущена или закрыта",
        "термін вирішення більше не йде: заявку випущено або закрито"
    ],
    RefusedNoResolutionTarget => [
        "the ticket has no resolution deadline",
        "у заявки нет срока решения",
        "у заявки немає терміну вирішення"
    ],
    RefusedResolutionBreached => [
        "the resolution deadline has passed: a breach cannot be agreed away",
        "срок решения уже нарушен: нарушение не переносится задним числом",
        "термін вирішення вже порушено: порушення не переноситься заднім числом"
    ],
    RefusedDeadlineNotLater => [
        "the new deadline must be later than the current one",
        "новый срок должен быть позже текущего",
        "новий термін має бути пізнішим за поточний"
    ],
    RefusedDeadlinePassed => ["the new deadline has passed", "новый срок уже прошёл", "новий термін уже минув"],
    RefusedDeadlineTooFar => [
        "the new deadline is more than a year ahead",
        "новый срок дальше чем через год",
        "новий термін далі ніж за рік"
    ],
    RefusedExtensionPending => [
        "another proposal is waiting for the client's answer",
        "другое предложение ещё ждёт ответа клиента",
        "інша пропозиція ще чекає на відповідь клієнта"
    ],
    RefusedExtensionClosed => [
        "the proposal was answered or withdrawn already",
        "на предложение уже ответили, или оно отозвано",
        "на пропозицію вже відповіли, або її відкликано"
    ],
    RefusedUnknownExtension => [
        "there is no such proposal on this ticket",
        "у этой заявки нет такого предложения",
        "у цієї заявки немає такої пропозиції"
    ],
    ExtensionDeadlineAgreed => [
        "deadline moved with the client's agreement",
        "срок перенесён по согласованию с клиентом",
        "термін перенесено за погодженням з клієнтом"
    ],
    ExtensionHeading => ["Deadline extension", "Перенос срока", "Перенесення терміну"],
    ExtensionPropose => ["Propose a new deadline", "Предложить новый срок", "Запропонувати новий термін"],
    ExtensionNewDue => ["New resolution deadline", "Новый срок решения", "Новий термін вирішення"],
    ExtensionReasonLabel => [
        "Reason (the client reads it)",
        "Причина (её прочитает клиент)",
        "Причина (її прочитає клієнт)"
    ],
    ExtensionSend => [
        "Send to the client for agreement",
        "Отправить клиенту на согласование",
        "Надіслати клієнту на погодження"
    ],
    ExtensionCurrentDue => ["Current deadline", "Текущий срок", "Поточний термін"],
    ExtensionWaiting => [
        "Waiting for the client's agreement",
        "Ждёт согласования клиента",
        "Чекає на погодження клієнта"
    ],
    ExtensionAsk => [
        "Support asks to move the resolution deadline. It changes only if you agree.",
        "Техподдержка просит перенести срок решения. Он изменится, только если вы согласитесь.",
        "Техпідтримка просить перенести термін вирішення. Він зміниться, лише якщо ви погодитеся."
    ],
    ExtensionMailHint => [
        "You can also answer the mail with one word: “Agree” or “Disagree”.",
        "Можно также ответить на письмо одним словом: «Согласен» или «Не согласен».",
        "Можна також відповісти на лист одним словом: «Згоден» або «Не згоден»."
    ],
    ExtensionAgree => ["Agree to the new deadline", "Согласиться с новым сроком", "Погодитися з новим терміном"],
    ExtensionDecline => ["Keep the current deadline", "Оставить прежний срок", "Залишити попередній термін"],
    ExtensionWithdraw => ["Withdraw the proposal", "Отозвать предложение", "Відкликати пропозицію"],
    ExtensionReasonRequired => [
        "Say why the deadline moves.",
        "Укажите причину переноса.",
        "Вкажіть причину перенесення."
    ],
    ExtensionReasonTooLong => [
        "The reason is too long (2000 characters at most).",
        "Причина слишком длинная (не больше 2000 символов).",
        "Причина задовга (не більше 2000 символів)."
    ],
    ExtensionDueRequired => ["Choose the new deadline.", "Выберите новый срок.", "Оберіть новий термін."],
    ExtensionRefused => ["The change was not saved", "Изменение не сохранено", "Зміну не збережено"],
    ExtensionStateProposed => ["waiting for the client", "ждёт клиента", "чекає на клієнта"],
    ExtensionStateAgreed => ["agreed", "согласован", "погоджено"],
    ExtensionStateDeclined => ["declined", "отклонён", "відхилено"],
    ExtensionStateWithdrawn => ["withdrawn", "отозван", "відкликано"],
    ExtensionViaMail => ["by mail", "письмом", "листом"],
    ExtensionViaWeb => ["on the ticket page", "на странице заявки", "на сторінці заявки"],
    ReportExtensions => [
        "Deadlines extended with the client's agreement",
        "Сроки, перенесённые по согласованию с клиентом",
        "Терміни, перенесені за погодженням з клієнтом"
    ],
    ReportOldDue => ["Deadline before", "Срок до переноса", "Термін до перенесення"],
    ReportNewDue => ["Agreed deadline", "Согласованный срок", "Погоджений термін"],
    ReportAgreedAt => ["Agreed on", "Согласовано", "Погоджено"],
    ReportAgreedVia => ["How", "Как", "Як"],
    MailExtensionProposed => [
        "Proposed new deadlines",
        "Предложения нового срока",
        "Пропозиції нового терміну"
    ],
    MailExtensionAnswered => [
        "Clients' answers to proposed deadlines",
        "Ответы клиентов на новый срок",
        "Відповіді клієнтів на новий термін"
    ],

    // Ratings (issue 15, seed 000 §6)
    RatingHeading => ["Rating", "Оценка", "Оцінка"],
    RatingHistory => ["Rating", "Оценка", "Оцінка"],
    RatingPrompt => [
        "How well was your request solved? Your rating helps us keep the service good.",
        "Насколько хорошо решён ваш запрос? Ваша оценка помогает нам держать качество сервиса.",
        "Наскільки добре вирішено ваш запит? Ваша оцінка допомагає нам тримати якість сервісу."
    ],
    RatingScore => ["Your rating", "Ваша оценка", "Ваша оцінка"],
    RatingOne => ["very poor", "очень плохо", "дуже погано"],
    RatingTwo => ["poor", "плохо", "погано"],
    RatingThree => ["fair", "удовлетворительно", "задовільно"],
    RatingFour => ["good", "хорошо", "добре"],
    RatingFive => ["excellent", "отлично", "відмінно"],
    RatingComment => ["Comment (optional)", "Комментарий (необязательно)", "Коментар (необов'язково)"],
    RatingSend => ["Send rating", "Отправить оценку", "Надіслати оцінку"],
    RatingSending => ["Sending…", "Отправляем…", "Надсилаємо…"],
    RatingRefused => ["The rating was not saved", "Оценка не сохранена", "Оцінку не збережено"],
    RatingChooseScore => ["Choose a rating from 1 to 5.", "Выберите оценку от 1 до 5.", "Оберіть оцінку від 1 до 5."],
    RatingCommentTooLong => [
        "The comment is too long (2000 characters at most).",
        "Комментарий слишком длинный (не больше 2000 символов).",
        "Коментар задовгий (не більше 2000 символів)."
    ],
    RefusedNotClient => [
        "only the client rates a ticket",
        "оценку ставит только клиент",
        "оцінку ставить лише клієнт"
    ],
    RefusedNotAccepted => [
        "a ticket is rated after its release is accepted",
        "оценка ставится после приёмки выпуска",
        "оцінка ставиться після приймання випуску"
    ],
    RefusedAlreadyRated => [
        "this release has been rated already",
        "этот выпуск уже оценён",
        "цей випуск уже оцінено"
    ],
    AttachFiles => ["Attach files", "Прикрепить файлы", "Прикріпити файли"],
    AttachHint => [
        "Drop files here, paste a screenshot, or choose files.",
        "Перетащите файлы сюда, вставьте скриншот или выберите файлы.",
        "Перетягніть файли сюди, вставте знімок екрана або виберіть файли."
    ],
    AttachUploading => ["Uploading…", "Загружается…", "Завантажується…"],
    WaitForUploads => [
        "Wait until the files have finished uploading.",
        "Дождитесь окончания загрузки файлов.",
        "Дочекайтеся завершення завантаження файлів."
    ],
    RemoveFailedUploads => [
        "Remove the files that were not accepted first.",
        "Сначала уберите файлы, которые не приняты.",
        "Спершу приберіть файли, які не прийнято."
    ],
    OpenFullImage => ["Open the full image", "Открыть изображение полностью", "Відкрити зображення повністю"],
    FileKindImage => ["Image", "Изображение", "Зображення"],
    FileKindPdf => ["PDF document", "PDF-документ", "PDF-документ"],
    FileKindText => ["Text", "Текст", "Текст"],
    FileKindZip => ["ZIP archive", "ZIP-архив", "ZIP-архів"],
    FileKindVideo => ["Video", "Видео", "Відео"],
    ErrorFileTooLarge => [
        "The file is larger than allowed",
        "Файл больше допустимого размера",
        "Файл більший за допустимий розмір"
    ],
    RefusedFileEmpty => ["the file is empty", "файл пустой", "файл порожній"],
    RefusedFileSvg => [
        "SVG images are not accepted because they can contain scripts; send a PNG or JPEG",
        "SVG-изображения не принимаются, потому что в них могут быть скрипты; пришлите PNG или JPEG",
        "SVG-зображення не приймаються, бо в них можуть бути скрипти; надішліть PNG або JPEG"
    ],
    RefusedFileHtml => [
        "HTML pages are not accepted, whatever the file is called",
        "HTML-страницы не принимаются, как бы ни назывался файл",
        "HTML-сторінки не приймаються, хоч би як називався файл"
    ],
    RefusedFileXml => ["XML documents are not accepted", "XML-документы не принимаются", "XML-документи не приймаються"],
    RefusedFileType => [
        "this kind of file is not accepted (accepted: PNG, JPEG, GIF, WEBP, PDF, text, ZIP, MP4, WEBM)",
        "такие файлы не принимаются (принимаются PNG, JPEG, GIF, WEBP, PDF, текст, ZIP, MP4, WEBM)",
        "такі файли не приймаються (приймаються PNG, JPEG, GIF, WEBP, PDF, текст, ZIP, MP4, WEBM)"
    ],
    RefusedFileDamaged => [
        "the image is damaged and cannot be read",
        "изображение повреждено и не читается",
        "зображення пошкоджене і не читається"
    ],
    RefusedTooManyUploads => [
        "too many files are waiting to be sent; send or remove some first",
        "слишком много файлов ждут отправки; отправьте или уберите часть",
        "забагато файлів чекають на надсилання; надішліть або приберіть частину"
    ],
    RefusedTooManyFiles => [
        "too many files for one comment",
        "слишком много файлов для одного комментария",
        "забагато файлів для одного коментаря"
    ],
    CommentEmpty => ["Write a comment first.", "Сначала напишите комментарий.", "Спочатку напишіть коментар."],
    CommentUnstorable => [
        "The comment holds characters that cannot be stored.",
        "В комментарии есть символы, которые нельзя сохранить.",
        "У коментарі є символи, які не можна зберегти."
    ],
    RefusedAttachmentUnavailable => [
        "an attached file is no longer available; attach it again",
        "прикреплённый файл больше недоступен; прикрепите его снова",
        "прикріплений файл більше недоступний; прикріпіть його знову"
    ],
}

impl Msg {
    /// The message in `locale`.
    pub fn text(self, locale: Locale) -> &'static str {
        let [en, ru, uk] = self.translations();
        match locale {
            Locale::En => en,
            Locale::Ru => ru,
            Locale::Uk => uk,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Messages whose Russian and Ukrainian text is rightly the English one.
    const SAME_IN_EVERY_LANGUAGE: &[Msg] = &[Msg::ChannelMattermost];

    #[test]
    fn every_message_is_translated_into_every_locale() {
        for &msg in Msg::ALL {
            for locale in Locale::ALL {
                let text = msg.text(locale);
                assert!(!text.trim().is_empty(), "{msg:?} is empty in {locale}");
                assert_eq!(text, text.trim(), "{msg:?} has stray spaces in {locale}");
                // Arguments belong in `phrases` functions, not in raw templates.
                assert!(!text.contains('{'), "{msg:?} holds a template in {locale}");
            }
            if SAME_IN_EVERY_LANGUAGE.contains(&msg) {
                continue;
            }
            let en = msg.text(Locale::En);
            for locale in [Locale::Ru, Locale::Uk] {
                let text = msg.text(locale);
                assert_ne!(text, en, "{msg:?} is untranslated in {locale}");
                assert!(
                    text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
                    "{msg:?} has no Cyrillic in {locale}: {text:?}"
                );
            }
        }
    }

    #[test]
    fn ukrainian_is_not_russian_with_letters_swapped() {
        // Letters that exist in Russian but not in Ukrainian.
        for &msg in Msg::ALL {
            let uk = msg.text(Locale::Uk);
            assert!(
                !uk.chars().any(|c| "ыэъёЫЭЪЁ".contains(c)),
                "{msg:?} has Russian letters in Ukrainian: {uk:?}"
            );
            let ru = msg.text(Locale::Ru);
            assert!(
                !ru.chars().any(|c| "іїєґІЇЄҐ".contains(c)),
                "{msg:?} has Ukrainian letters in Russian: {ru:?}"
            );
        }
    }

    #[test]
    fn column_titles_match_the_agreed_wording() {
        let columns = [
            (Msg::StatusBacklog, "Бэклог", "Беклог"),
            (Msg::StatusSprint, "Спринт", "Спринт"),
            (Msg::StatusInProgress, "В работе", "В роботі"),
            (Msg::StatusDone, "Готово", "Готово"),
            (Msg::StatusRelease, "Релиз", "Реліз"),
            (Msg::StatusArchive, "Архив", "Архів"),
        ];
        for (msg, ru, uk) in columns {
            assert_eq!(msg.text(Locale::Ru), ru);
            assert_eq!(msg.text(Locale::Uk), uk);
        }
        assert_eq!(Msg::StatusInProgress.text(Locale::En), "In progress");
    }

    /// Every word of the catalogue is shown somewhere: a message nothing
    /// uses is a translation nobody checks.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn every_message_is_used_somewhere() {
        fn sources(dir: &std::path::Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/messages.rs") {
                    out.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let mut code = String::new();
        sources(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut code);
        let is_ident = |c: char| c.is_alphanumeric() || c == '_';
        let used = |name: &str| {
            code.match_indices(name).any(|(i, _)| {
                let before = code[..i].chars().next_back();
                let after = code[i + name.len()..].chars().next();
                !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
            })
        };
        let unused: Vec<String> = Msg::ALL.iter().map(|m| format!("{m:?}")).filter(|n| !used(n)).collect();
        assert!(unused.is_empty(), "messages nothing shows: {unused:?}");
    }

    #[test]
    fn all_lists_each_message_once() {
        let mut seen = std::collections::HashSet::new();
        assert!(Msg::ALL.iter().all(|msg| seen.insert(*msg)));
        assert!(Msg::ALL.len() > 80);
    }
}
