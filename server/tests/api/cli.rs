#[test]
fn help_lists_the_configuration() {
    let out = crate::helpers::slaboard_command().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--database-url",
        "--data-dir",
        "--listen",
        "--wip-limits",
        "--demo",
        "DATABASE_URL",
        "--secure-cookies",
        "--session-idle-minutes",
        "SLABOARD_ADMIN_EMAIL",
        "user",
        "backup",
        "restore",
    ] {
        assert!(help.contains(flag), "--help does not mention {flag}:\n{help}");
    }
}

#[test]
fn a_bad_database_url_is_a_clear_error() {
    let out = crate::helpers::slaboard_command()
        .args(["--database-url", "mysql://localhost/x", "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("unsupported database URL scheme \"mysql\""), "{err}");
}

#[test]
fn user_help_lists_the_account_commands() {
    let out = crate::helpers::slaboard_command().args(["user", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for command in ["add", "reset-password", "disable", "enable"] {
        assert!(help.contains(command), "user --help does not mention {command}:\n{help}");
    }
}

#[test]
fn secrets_never_show_in_help() {
    let out = crate::helpers::slaboard_command()
        .arg("--help")
        .env("SLABOARD_ADMIN_PASSWORD", "super-secret-value-1")
        .env("SLABOARD_IMAP_PASSWORD", "super-secret-value-2")
        .env("SLABOARD_S3_SECRET_ACCESS_KEY", "super-secret-value-2")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(!help.contains("super-secret-value-1"), "{help}");
    assert!(!help.contains("super-secret-value-2"), "{help}");
    assert!(help.contains("--s3-secret-access-key"), "{help}");
    assert!(help.contains("--imap-password"), "the mailbox's flags are listed: {help}");
}

#[test]
fn half_a_mailbox_configuration_stops_the_server_with_the_reason() {
    // A data directory of this run's own: a fixed one is shared with every
    // other checkout's test runs, whose migrations may be newer.
    let data_dir = std::env::temp_dir().join(format!("slaboard_cli_imap_half_{}", std::process::id()));
    let out = crate::helpers::slaboard_command()
        .args(["--imap-host", "imap.example", "--imap-user", "desk", "--listen", "127.0.0.1:0"])
        .env_remove("SLABOARD_IMAP_PASSWORD")
        .env("SLABOARD_DATA_DIR", &data_dir)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&data_dir);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--imap-password"), "{err}");
}

#[test]
fn a_bad_wip_limit_setting_stops_the_server_with_the_reason() {
    for (setting, words) in
        [("archive=3", "archive is not a board column"), ("in_progress=0", "\"0\" is not a limit")]
    {
        let out = crate::helpers::slaboard_command()
            .args(["--wip-limits", setting, "--listen", "127.0.0.1:0"])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{setting}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(words), "{setting}: {err}");
    }
}
