//! Demo data: organisations from the seeds' worlds, one user per role, and
//! tickets in every column whose SLA clocks are on track, at risk, breached,
//! paused and met at the moment of seeding, whatever the time of day.

use super::{Store, StoreError};
use crate::domain::contract::preset_calendar;
use crate::domain::event::TicketEvent;
use crate::domain::sla::{working_time_between, BusinessCalendar, CalendarPreset, PauseLedger};
use crate::domain::ticket::{Category, Channel, LevelMark, Priority, Status, WaitingReason};
use chrono::{DateTime, Datelike, Duration, Utc};
use sqlx::Row;

/// The demo accounts' password (demo mode only; README "Demo accounts").
pub const DEMO_PASSWORD: &str = "demo-password-2026";

/// True when no organisation exists yet: demo data goes only into an empty
/// database.
pub async fn is_empty(store: &Store) -> Result<bool, StoreError> {
    let n: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM organisations").fetch_one(&store.pool).await?.try_get("n")?;
    Ok(n == 0)
}

struct DemoOrg {
    name: &'static str,
    calendar: CalendarPreset,
    policy: &'static str,
    level: &'static str,
    client: (&'static str, &'static str),
}

const ORGS: [DemoOrg; 4] = [
    DemoOrg {
        name: "ООО «Техномаркет Ритейл»",
        calendar: CalendarPreset::MoscowNineToSix,
        policy: "technomarket",
        level: "commercial_standard",
        client: ("client@technomarket.example", "Ирина Соколова"),
    },
    DemoOrg {
        name: "АО «АгроХолдинг Кубань»",
        calendar: CalendarPreset::MoscowFiveToTwo,
        policy: "agrosoft",
        level: "commercial_standard",
        client: ("client@agro.example", "Павел Никитин"),
    },
    DemoOrg {
        name: "ТОВ «Смарт Трейд»",
        calendar: CalendarPreset::KyivNineToSix,
        policy: "smart_systems",
        level: "commercial_standard",
        client: ("client@smarttrade.example", "Олена Коваль"),
    },
    DemoOrg {
        name: "ПАО «Северный Банк»",
        calendar: CalendarPreset::AroundTheClock,
        policy: "technomarket",
        level: "commercial_emergency",
        client: ("client@severbank.example", "Дмитрий Орлов"),
    },
];

const AGENTS: [(&str, &str, &str); 5] = [
    ("admin@slaboard.example", "Анна Admin", "admin"),
    ("lead@slaboard.example", "Сергей Лебедев", "lead"),
    ("consultant@slaboard.example", "Мария Кузнецова", "consultant"),
    ("operator@slaboard.example", "Олег Петренко", "operator"),
    ("consultant2@slaboard.example", "Юлия Бондаренко", "consultant"),
];

/// How far the ticket's clock has run at seeding time, as a share of its
/// active target; the clock's state follows from it.
#[derive(Clone, Copy)]
enum Progress {
    /// Working time used, in per cent of the active budget.
    Used(u32),
    /// Waiting for the client since `used` per cent of the budget.
    Waiting(u32, WaitingReason),
    /// Reaction given (first public reply) after `used` per cent.
    Answered(u32),
}

struct DemoTicket {
    org: usize,
    title: &'static str,
    category: Category,
    priority: Priority,
    status: Status,
    assignee: Option<usize>,
    channel: Channel,
    progress: Progress,
}

use Category::*;
use Priority::*;
use Progress::*;
use Status::*;

const TICKETS: &[DemoTicket] = &[
    DemoTicket {
        org: 0,
        title: "Кассы не печатают чеки после обновления 5.2",
        category: Incident,
        priority: Critical,
        status: InProgress,
        assignee: Some(2),
        channel: Channel::Phone,
        progress: Used(85),
    },
    DemoTicket {
        org: 0,
        title: "Отчёт по остаткам считает резерв дважды",
        category: Incident,
        priority: High,
        status: Backlog,
        assignee: None,
        channel: Channel::Web,
        progress: Used(20),
    },
    DemoTicket {
        org: 0,
        title: "Добавить выгрузку заказов в 1С по расписанию",
        category: ChangeRequest,
        priority: Normal,
        status: Sprint,
        assignee: Some(1),
        channel: Channel::Email,
        progress: Answered(40),
    },
    DemoTicket {
        org: 0,
        title: "Как настроить скидку на второй товар в чеке?",
        category: Consultation,
        priority: Low,
        status: Backlog,
        assignee: None,
        channel: Channel::Messenger,
        progress: Used(130),
    },
    DemoTicket {
        org: 1,
        title: "Не загружаются данные с весовой №3",
        category: Incident,
        priority: High,
        status: InProgress,
        assignee: Some(4),
        channel: Channel::Phone,
        progress: Waiting(50, WaitingReason::ClientInfo),
    },
    DemoTicket {
        org: 1,
        title: "Ошибка округления в акте приёмки зерна",
        category: Incident,
        priority: Normal,
        status: Done,
        assignee: Some(2),
        channel: Channel::Web,
        progress: Answered(60),
    },
    DemoTicket {
        org: 1,
        title: "Перенос справочника полей на новый сезон",
        category: ChangeRequest,
        priority: Normal,
        status: Sprint,
        assignee: Some(1),
        channel: Channel::Email,
        progress: Waiting(30, WaitingReason::ClientApproval),
    },
    DemoTicket {
        org: 2,
        title: "Не відкривається картка клієнта в CRM",
        category: Incident,
        priority: High,
        status: Backlog,
        assignee: None,
        channel: Channel::Web,
        progress: Used(90),
    },
    DemoTicket {
        org: 2,
        title: "Потрібна інструкція з імпорту прайсу",
        category: DocumentationRequest,
        priority: Low,
        status: Release,
        assignee: Some(3),
        channel: Channel::Email,
        progress: Answered(30),
    },
    DemoTicket {
        org: 2,
        title: "Збій синхронізації замовлень з сайтом",
        category: Incident,
        priority: Critical,
        status: InProgress,
        assignee: Some(2),
        channel: Channel::Phone,
        progress: Used(140),
    },
    DemoTicket {
        org: 3,
        title: "Недоступен интернет-банк для юрлиц",
        category: Incident,
        priority: Critical,
        status: InProgress,
        assignee: Some(4),
        channel: Channel::Phone,
        progress: Used(30),
    },
    DemoTicket {
        org: 3,
        title: "Сбой выгрузки выписок в формате 1С",
        category: Incident,
        priority: High,
        status: Backlog,
        assignee: None,
        channel: Channel::Email,
        progress: Used(10),
    },
    DemoTicket {
        org: 3,
        title: "Согласовать окно для обновления СУБД",
        category: ChangeRequest,
        priority: Normal,
        status: Done,
        assignee: Some(1),
        channel: Channel::Web,
        progress: Waiting(40, WaitingReason::Payment),
    },
    DemoTicket {
        org: 3,
        title: "Подготовить справку по доступам операторов",
        category: DocumentationRequest,
        priority: Low,
        status: Release,
        assignee: Some(3),
        channel: Channel::Email,
        progress: Answered(20),
    },
];

/// A closed ticket for the Archive view.
struct ArchivedDemo {
    org: usize,
    title: &'static str,
    category: Category,
    priority: Priority,
    closed_days_ago: i64,
    /// Rejected from the backlog with this reason; otherwise accepted after
    /// release.
    rejection: Option<&'static str>,
}

const ARCHIVED: &[ArchivedDemo] = &[
    ArchivedDemo {
        org: 0,
        title: "Не открывается кассовая смена после смены пароля",
        category: Incident,
        priority: High,
        closed_days_ago: 3,
        rejection: None,
    },
    ArchivedDemo {
        org: 0,
        title: "Подключить второй фискальный регистратор",
        category: ChangeRequest,
        priority: Normal,
        closed_days_ago: 12,
        rejection: None,
    },
    ArchivedDemo {
        org: 1,
        title: "Сделайте интерфейс красивее",
        category: ChangeRequest,
        priority: Low,
        closed_days_ago: 20,
        rejection: Some(
            "Нет конкретных требований: опишите, что именно изменить, и создайте новое обращение.",
        ),
    },
    ArchivedDemo {
        org: 2,
        title: "Як вивантажити журнал операцій за квартал?",
        category: Consultation,
        priority: Normal,
        closed_days_ago: 6,
        rejection: None,
    },
    ArchivedDemo {
        org: 3,
        title: "Ошибка 500 при входе в личный кабинет",
        category: Incident,
        priority: Critical,
        closed_days_ago: 30,
        rejection: None,
    },
];

/// The instant `working` seconds of working time before `now` (or the
/// latest such instant), found by bisection over the monotone
/// `working_time_between`.
fn working_seconds_before(cal: &BusinessCalendar, now: DateTime<Utc>, working: i64) -> DateTime<Utc> {
    let none = PauseLedger::new();
    let (mut lo, mut hi) = (0i64, 400 * 86_400i64);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let used = working_time_between(cal, now - Duration::seconds(mid), now, &none).num_seconds();
        if used >= working {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    now - Duration::seconds(lo)
}

/// Reply templates of the demo: name, English, Russian, Ukrainian.
const DEMO_TEMPLATES: [(&str, &str, &str, &str); 3] = [
    (
        "Запрос логов",
        "Hello {client},\n\nto look into {ticket} we need the application logs for the time of the error. Please attach them here.\n\n{agent}",
        "Здравствуйте, {client}!\n\nЧтобы разобраться с обращением {ticket}, пришлите, пожалуйста, журналы приложения за время ошибки — приложите их здесь.\n\n{agent}",
        "Вітаємо, {client}!\n\nЩоб розібратися зі зверненням {ticket}, надішліть, будь ласка, журнали застосунку за час помилки — додайте їх тут.\n\n{agent}",
    ),
    (
        "Принято в работу",
        "Hello {client},\n\nwe have taken {ticket} «{title}» into work. The deadline under your contract is {deadline}.\n\n{agent}",
        "Здравствуйте, {client}!\n\nОбращение {ticket} «{title}» принято в работу. Срок по вашему договору — {deadline}.\n\n{agent}",
        "Вітаємо, {client}!\n\nЗвернення {ticket} «{title}» прийнято в роботу. Строк за вашим договором — {deadline}.\n\n{agent}",
    ),
    (
        "Исправление в релизе",
        "Hello {client},\n\nthe fix for {ticket} is in the release. Please check it and confirm, or reopen the ticket if the problem remains.\n\n{agent}",
        "Здравствуйте, {client}!\n\nИсправление по обращению {ticket} вошло в релиз. Проверьте, пожалуйста, и подтвердите — или переоткройте обращение, если проблема осталась.\n\n{agent}",
        "Вітаємо, {client}!\n\nВиправлення щодо звернення {ticket} увійшло до релізу. Перевірте, будь ласка, і підтвердьте — або повторно відкрийте звернення, якщо проблема залишилася.\n\n{agent}",
    ),
];

/// Marks the demo's open critical incidents as confirmed emergencies, the
/// level `seed` counted their clocks on. Apart from `seed` because the
/// mark came a release later: the upgrade test seeds an older schema with
/// `seed` alone.
pub async fn confirm_emergencies(store: &Store) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE tickets SET level_mark = 'emergency'
         WHERE priority = 'critical' AND category = 'incident' AND status <> 'archive'",
    )
    .execute(&store.pool)
    .await?;
    Ok(())
}

pub async fn seed(store: &Store, now: DateTime<Utc>) -> Result<(), StoreError> {
    let mut tx = store.pool.begin().await?;
    let ts = now.timestamp();
    let contract_start = (now - Duration::days(365)).timestamp();

    // Every demo account signs in with the documented demo password. One
    // hash serves them all (the password is public anyway), computed once
    // at seeding rather than nine times.
    let password_hash = password_auth::generate_hash(DEMO_PASSWORD);

    let mut agent_ids = Vec::new();
    for (email, name, role) in AGENTS {
        let id: i64 = sqlx::query(
            "INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(email)
        .bind(name)
        .bind(role)
        .bind(&password_hash)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        agent_ids.push(id);
    }

    // The consultant curates every demo contract.
    let curator_id = AGENTS.iter().position(|a| a.2 == "consultant").map(|i| agent_ids[i]);

    let mut orgs = Vec::new();
    for org in &ORGS {
        let cal = preset_calendar(org.calendar);
        let calendar_id: i64 = match sqlx::query("SELECT id FROM calendars WHERE name = $1")
            .bind(org.calendar.name())
            .fetch_optional(&mut *tx)
            .await?
        {
            Some(row) => row.try_get("id")?,
            None => sqlx::query("INSERT INTO calendars (name, spec) VALUES ($1, $2) RETURNING id")
                .bind(org.calendar.name())
                .bind(cal.to_json())
                .fetch_one(&mut *tx)
                .await?
                .try_get("id")?,
        };
        let org_id: i64 =
            sqlx::query("INSERT INTO organisations (name, created_at) VALUES ($1, $2) RETURNING id")
                .bind(org.name)
                .bind(contract_start)
                .fetch_one(&mut *tx)
                .await?
                .try_get("id")?;
        sqlx::query(
            "INSERT INTO contracts (organisation_id, calendar_id, policy_code, level, valid_from, curator_id)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(org_id)
        .bind(calendar_id)
        .bind(org.policy)
        .bind(org.level)
        .bind(contract_start)
        .bind(curator_id)
        .execute(&mut *tx)
        .await?;
        let client_id: i64 = sqlx::query(
            "INSERT INTO users (email, name, role, organisation_id, password_hash)
             VALUES ($1, $2, 'client', $3, $4) RETURNING id",
        )
        .bind(org.client.0)
        .bind(org.client.1)
        .bind(org_id)
        .bind(&password_hash)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        orgs.push((org_id, client_id, cal));
    }

    for t in TICKETS {
        let (org_id, client_id, cal) = &orgs[t.org];
        let org = &ORGS[t.org];
        // The demo's critical incidents are confirmed emergencies (seeds 001,
        // 004; marked by `confirm_emergencies`): their clocks run on the
        // emergency level.
        let mark = if t.priority == Critical && t.category == Incident {
            LevelMark::Emergency
        } else {
            LevelMark::Contract
        };
        let targets = crate::domain::contract::targets(org.policy, org.level, mark, t.priority, t.category)
            .map_err(|e| StoreError::Corrupt(format!("demo policy: {e}")))?;
        let budget = targets
            .reaction
            .or(targets.resolution)
            .ok_or_else(|| StoreError::Corrupt(format!("demo policy {} has no target", org.policy)))?;
        let budget_secs = crate::domain::sla::budget_secs(cal, now, budget)
            .map_err(|e| StoreError::Corrupt(format!("demo budget: {e}")))?;
        let used_pct = match t.progress {
            Used(p) | Waiting(p, _) | Answered(p) => p as i64,
        };
        let received = working_seconds_before(cal, now, budget_secs * used_pct / 100);
        let number: i64 =
            sqlx::query("UPDATE counters SET value = value + 1 WHERE name = 'ticket' RETURNING value")
                .fetch_one(&mut *tx)
                .await?
                .try_get("value")?;
        let (waiting, first_response) = match t.progress {
            Waiting(_, reason) => (Some(reason.code()), None),
            // Answered right away: the reaction clock stopped at that instant.
            Answered(_) => (None, Some(ts - 60)),
            Used(_) => (None, None),
        };
        let ticket_id: i64 = sqlx::query(
            "INSERT INTO tickets (number, title, description, category, priority, status, waiting_reason,
                                  channel, organisation_id, requester_id, assignee_id, received_at,
                                  first_response_at, created_at, updated_at)
             VALUES ($1, $2, '', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(number)
        .bind(t.title)
        .bind(t.category.code())
        .bind(t.priority.code())
        .bind(t.status.code())
        .bind(waiting)
        .bind(t.channel.code())
        .bind(*org_id)
        .bind(*client_id)
        .bind(t.assignee.map(|i| agent_ids[i]))
        .bind(received.timestamp())
        .bind(first_response)
        .bind(received.timestamp())
        .bind(ts)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        if let Some(reason) = waiting {
            // The wait began a little before seeding, in working time.
            sqlx::query("INSERT INTO ticket_pauses (ticket_id, reason, started_at) VALUES ($1, $2, $3)")
                .bind(ticket_id)
                .bind(reason)
                .bind(ts)
                .execute(&mut *tx)
                .await?;
        }
        if t.status == Release {
            sqlx::query("INSERT INTO ticket_releases (ticket_id, released_at) VALUES ($1, $2)")
                .bind(ticket_id)
                .bind(ts - 30)
                .execute(&mut *tx)
                .await?;
        }
    }
    for a in ARCHIVED {
        let (org_id, client_id, _) = &orgs[a.org];
        let rejection = a.rejection;
        let closed = ts - a.closed_days_ago * 86_400;
        let received = closed - 3 * 86_400;
        let number: i64 =
            sqlx::query("UPDATE counters SET value = value + 1 WHERE name = 'ticket' RETURNING value")
                .fetch_one(&mut *tx)
                .await?
                .try_get("value")?;
        let ticket_id: i64 = sqlx::query(
            "INSERT INTO tickets (number, title, description, category, priority, status, channel,
                                  organisation_id, requester_id, received_at, first_response_at,
                                  rejection_reason, created_at, updated_at)
             VALUES ($1, $2, '', $3, $4, 'archive', 'web', $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(number)
        .bind(a.title)
        .bind(a.category.code())
        .bind(a.priority.code())
        .bind(*org_id)
        .bind(*client_id)
        .bind(received)
        .bind(received + 3600)
        .bind(rejection)
        .bind(received)
        .bind(closed)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        // Accepted after release by the client, or rejected from the backlog.
        let from = if rejection.is_some() { Backlog } else { Release };
        if rejection.is_none() {
            sqlx::query("INSERT INTO ticket_releases (ticket_id, released_at) VALUES ($1, $2)")
                .bind(ticket_id)
                .bind(closed - 86_400)
                .execute(&mut *tx)
                .await?;
        }
        let origin = super::events::EventOrigin {
            ticket_id,
            organisation_id: *org_id,
            // The operator (AGENTS[3]) rejected; the client accepted.
            actor_id: Some(if rejection.is_some() { agent_ids[3] } else { *client_id }),
            at: closed,
        };
        let mut events = vec![TicketEvent::Moved { from, to: Archive }];
        events.extend(rejection.map(|r| TicketEvent::Rejected { reason: r.to_string() }));
        super::events::append(&mut tx, origin, &events).await?;
    }
    // Where the demo's departments take escalations, in the order of seed
    // 000 §7–8: legal and finance read Mattermost and email, the others
    // Mattermost. The webhooks point nowhere real: a demo's posts wait in
    // the queue with their errors, as they would with Mattermost down.
    const DEPARTMENT_CHANNELS: [&[(&str, &str)]; 8] = [
        &[("mattermost", "https://chat.slaboard.example/hooks/legal"), ("email", "legal@slaboard.example")],
        &[
            ("mattermost", "https://chat.slaboard.example/hooks/finance"),
            ("email", "finance@slaboard.example"),
        ],
        &[("mattermost", "https://chat.slaboard.example/hooks/marketing")],
        &[("mattermost", "https://chat.slaboard.example/hooks/product-it")],
        &[("mattermost", "https://chat.slaboard.example/hooks/system-errors")],
        &[("mattermost", "https://chat.slaboard.example/hooks/data-editing")],
        &[("mattermost", "https://chat.slaboard.example/hooks/events")],
        &[("mattermost", "https://chat.slaboard.example/hooks/pr")],
    ];
    for ((name, days), channels) in
        crate::domain::admin::department::SEED_DEPARTMENTS.into_iter().zip(DEPARTMENT_CHANNELS)
    {
        // The shipped departments are there already on a fresh database.
        sqlx::query(
            "INSERT INTO departments (name, deadline_days) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(days)
        .execute(&mut *tx)
        .await?;
        let id: i64 = sqlx::query("SELECT id FROM departments WHERE name = $1")
            .bind(name)
            .fetch_one(&mut *tx)
            .await?
            .try_get("id")?;
        sqlx::query("DELETE FROM department_channels WHERE department_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for (position, (kind, address)) in channels.iter().enumerate() {
            sqlx::query(
                "INSERT INTO department_channels (department_id, position, kind, address)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(position as i64)
            .bind(*kind)
            .bind(*address)
            .execute(&mut *tx)
            .await?;
        }
    }
    // The current two-week sprint holds what is in Sprint and In progress;
    // the next one is planned. Change requests carry estimates (seed 000:
    // they are resolved by estimate where that policy applies).
    let today = now.date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let sprints = [
        ("Спринт 48", "Стабилизировать кассу и отчёты перед праздниками", monday, 120_i64),
        ("Спринт 49", "Доработки по заявкам клиентов", monday + Duration::days(14), 100),
    ];
    let mut sprint_ids = Vec::new();
    for (name, goal, start, capacity) in sprints {
        let id: i64 = sqlx::query(
            "INSERT INTO sprints (name, goal, starts_on, ends_on, capacity_hours, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(name)
        .bind(goal)
        .bind(start.format("%Y-%m-%d").to_string())
        .bind((start + Duration::days(13)).format("%Y-%m-%d").to_string())
        .bind(capacity)
        .bind(ts)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        sprint_ids.push(id);
    }
    sqlx::query("UPDATE tickets SET sprint_id = $1 WHERE status IN ('sprint', 'in_progress')")
        .bind(sprint_ids[0])
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE tickets SET estimate_hours = 16 WHERE category = 'change_request' AND status <> 'archive'",
    )
    .execute(&mut *tx)
    .await?;
    for (name, en, ru, uk) in DEMO_TEMPLATES {
        sqlx::query("INSERT INTO reply_templates (name, body_en, body_ru, body_uk) VALUES ($1, $2, $3, $4)")
            .bind(name)
            .bind(en)
            .bind(ru)
            .bind(uk)
            .execute(&mut *tx)
            .await?;
    }
    // The demo's history is made up: nobody is mailed about it.
    sqlx::query(
        "UPDATE counters SET value = (SELECT value FROM counters WHERE name = 'event') WHERE name = 'mail'",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
