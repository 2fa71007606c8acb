//! Accounts from the command line and the first administrator.

use crate::helpers::{
    slaboard_command, spawn_app, spawn_app_with, Backend, CLIENT_ORG, CONSULTANT, DEMO_PASSWORD,
};
use crate::on_both_backends;
use serde_json::{json, Value};
use slaboard::accounts::{AdminSetup, NO_ADMIN_HELP};
use slaboard::config::Secret;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

async fn user_add_creates_accounts_that_can_sign_in(backend: Backend) {
    let app = spawn_app(backend).await;

    let agent = app.slaboard(&[
        "user",
        "add",
        "--email",
        " Nina.Operator@Example.com ",
        "--name",
        "Нина Орлова",
        "--role",
        "operator",
        "--password",
        "operator-password-1",
    ]);
    let client = app.slaboard_with_stdin(
        &[
            "user",
            "add",
            "--email",
            "buyer@technomarket.example",
            "--name",
            "Buyer",
            "--role",
            "client",
            "--organisation",
            CLIENT_ORG,
        ],
        "client-password-22\n",
    );

    assert!(agent.status.success(), "{}", stderr(&agent));
    assert!(stdout(&agent).contains("created operator nina.operator@example.com"), "{}", stdout(&agent));
    assert!(client.status.success(), "{}", stderr(&client));
    let res = app.login_with(&app.client, "nina.operator@example.com", "operator-password-1").await;
    assert_eq!(res.status(), 200);
    let me: Value = res.json().await.unwrap();
    assert_eq!((me["role"].as_str(), me["name"].as_str()), (Some("operator"), Some("Нина Орлова")));
    let other = crate::helpers::browser(Default::default());
    let res = app.login_with(&other, "buyer@technomarket.example", "client-password-22").await;
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["organisation"]["name"], CLIENT_ORG);
    app.cleanup().await;
}
on_both_backends!(user_add_creates_accounts_that_can_sign_in);

async fn user_add_explains_what_is_wrong(backend: Backend) {
    let app = spawn_app(backend).await;
    let add = |email: &str, role: &str, org: Option<&str>, password: &str| {
        let mut args = vec![
            "user",
            "add",
            "--email",
            email,
            "--name",
            "Someone",
            "--role",
            role,
            "--password",
            password,
        ];
        if let Some(org) = org {
            args.extend(["--organisation", org]);
        }
        app.slaboard(&args)
    };
    let long = "long-enough-password";
    let cases = [
        (add("a@example.com", "operator", None, "short"), "at least 12 characters"),
        (add("not-an-email", "operator", None, long), "\"not-an-email\" is not an email address"),
        (add("a@example.com", "root", None, long), "unknown role \"root\""),
        (add("a@example.com", "client", None, long), "give its name with --organisation"),
        (add("a@example.com", "lead", Some(CLIENT_ORG), long), "leave out --organisation for a lead"),
        (
            add("a@example.com", "client", Some("Nobody Ltd"), long),
            "there is no organisation named \"Nobody Ltd\"",
        ),
        (add(CONSULTANT, "consultant", None, long), "exists already"),
    ];

    for (out, expected) in cases {
        assert!(!out.status.success(), "{expected}");
        assert!(stderr(&out).contains(expected), "expected {expected:?} in {}", stderr(&out));
    }
    // The admin form's limits hold on the command line too.
    let name = "Я".repeat(101);
    let args = [
        "user",
        "add",
        "--email",
        "b@example.com",
        "--name",
        &name,
        "--role",
        "operator",
        "--password",
        long,
    ];
    let out = app.slaboard(&args);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("the name must have at most 100 characters"), "{}", stderr(&out));
    let out = app.slaboard(&[
        "user",
        "add",
        "--email",
        "b@example.com",
        "--name",
        "  ",
        "--role",
        "operator",
        "--password",
        long,
    ]);
    assert!(stderr(&out).contains("the name must not be empty"), "{}", stderr(&out));
    app.cleanup().await;
}
on_both_backends!(user_add_explains_what_is_wrong);

async fn reset_password_ends_every_session_of_the_account(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(CONSULTANT).await;
    let before = app.session_cookie(&app.jar).unwrap();

    let out = app.slaboard(&[
        "user",
        "reset-password",
        "--email",
        CONSULTANT,
        "--password",
        "a-brand-new-password",
    ]);

    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(app.post_with_cookie("auth/me", &before, json!({})).await.status(), 401);
    assert_eq!(app.login_with(&app.client, CONSULTANT, DEMO_PASSWORD).await.status(), 401);
    assert_eq!(app.login_with(&app.client, CONSULTANT, "a-brand-new-password").await.status(), 200);
    let missing = app.slaboard(&[
        "user",
        "reset-password",
        "--email",
        "ghost@example.com",
        "--password",
        "whatever-long-1",
    ]);
    assert!(stderr(&missing).contains("there is no account with the email ghost@example.com"));
    app.cleanup().await;
}
on_both_backends!(reset_password_ends_every_session_of_the_account);

async fn a_disabled_user_can_neither_sign_in_nor_use_their_session(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(CONSULTANT).await;
    assert_eq!(app.post_json("board", json!({})).await.status(), 200);

    let out = app.slaboard(&["user", "disable", "--email", CONSULTANT]);

    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(app.post_json("board", json!({})).await.status(), 401, "the open session stopped working");
    let res = app.login_with(&app.client, CONSULTANT, DEMO_PASSWORD).await;
    assert_eq!(res.status(), 401);
    assert!(
        crate::helpers::error_of(res).await["error"] == "wrong_credentials",
        "no hint that the account exists"
    );
    assert!(app.slaboard(&["user", "enable", "--email", CONSULTANT]).status.success());
    assert_eq!(app.login_with(&app.client, CONSULTANT, DEMO_PASSWORD).await.status(), 200);
    app.cleanup().await;
}
on_both_backends!(a_disabled_user_can_neither_sign_in_nor_use_their_session);

async fn the_first_start_creates_the_configured_admin(backend: Backend) {
    let app = spawn_app_with(backend, |c| {
        c.demo = false;
        c.admin_email = Some("Root@Desk.example".into());
        c.admin_password = Some(Secret("first-admin-password".into()));
    })
    .await;

    assert_eq!(app.admin, AdminSetup::Created("root@desk.example".into()));
    let res = app.login_with(&app.client, "root@desk.example", "first-admin-password").await;
    assert_eq!(res.status(), 200);
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["role"], "admin");
    app.cleanup().await;
}
on_both_backends!(the_first_start_creates_the_configured_admin);

async fn demo_data_brings_its_own_admin(backend: Backend) {
    let app = spawn_app_with(backend, |c| {
        c.admin_email = Some("root@desk.example".into());
        c.admin_password = Some(Secret("first-admin-password".into()));
    })
    .await;

    assert_eq!(app.admin, AdminSetup::Present, "an admin exists, so none is created");
    app.cleanup().await;
}
on_both_backends!(demo_data_brings_its_own_admin);

async fn without_an_admin_the_server_still_starts(backend: Backend) {
    let app = spawn_app_with(backend, |c| c.demo = false).await;

    assert_eq!(app.admin, AdminSetup::Missing);
    assert_eq!(app.post_json("auth/me", json!({})).await.status(), 401);
    app.cleanup().await;
}
on_both_backends!(without_an_admin_the_server_still_starts);

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("slaboard_cli_{tag}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn a_server_without_an_admin_prints_how_to_create_one() {
    use std::io::BufRead;
    let dir = temp_dir("noadmin");
    let mut child = slaboard_command()
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = String::new();
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            seen.push_str(&line);
            seen.push('\n');
            if seen.contains(NO_ADMIN_HELP) {
                break;
            }
        }
        let _ = tx.send(seen);
    });

    let seen = rx.recv_timeout(std::time::Duration::from_secs(60));

    child.kill().unwrap();
    child.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let seen = seen.expect("the server printed the help within a minute");
    assert!(seen.contains(NO_ADMIN_HELP), "{seen}");
}

#[test]
fn a_half_or_weak_admin_configuration_stops_the_start() {
    let dir = temp_dir("halfadmin");
    let run = |vars: &[(&str, &str)]| {
        let mut command = slaboard_command();
        command.args(["--listen", "127.0.0.1:0", "--data-dir"]).arg(&dir);
        for (k, v) in vars {
            command.env(k, v);
        }
        command.output().unwrap()
    };

    let half = run(&[("SLABOARD_ADMIN_EMAIL", "root@desk.example")]);
    let weak = run(&[("SLABOARD_ADMIN_EMAIL", "root@desk.example"), ("SLABOARD_ADMIN_PASSWORD", "short")]);

    let _ = std::fs::remove_dir_all(&dir);
    assert!(!half.status.success());
    assert!(
        stderr(&half).contains("set both SLABOARD_ADMIN_EMAIL and SLABOARD_ADMIN_PASSWORD"),
        "{}",
        stderr(&half)
    );
    assert!(!weak.status.success());
    assert!(stderr(&weak).contains("at least 12 characters"), "{}", stderr(&weak));
}
