use std::process::Command;

#[test]
fn help_lists_the_configuration() {
    let out = Command::new(env!("CARGO_BIN_EXE_slaboard")).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in ["--database-url", "--data-dir", "--listen", "--demo", "DATABASE_URL"] {
        assert!(help.contains(flag), "--help does not mention {flag}:\n{help}");
    }
}

#[test]
fn a_bad_database_url_is_a_clear_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_slaboard"))
        .args(["--database-url", "mysql://localhost/x", "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("unsupported database URL scheme \"mysql\""), "{err}");
}
