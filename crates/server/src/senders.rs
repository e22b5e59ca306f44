//! Where sign-in codes go: the [`CodeSender`] trait and its implementations.
//!
//! - [`SmtpSender`]: an email over SMTP (lettre, rustls), for email logins
//!   (`--smtp-url smtps://user:pass@host:465`, `--smtp-from`).
//! - [`WebhookSender`]: `POST` of `{"login", "code", "expires_at"}` as JSON to an SMS
//!   gateway's URL (`--code-webhook-url`), with `Authorization: Bearer <secret>` when
//!   `--code-webhook-secret` is set; any answer but 2xx is a failure.
//! - [`LogSender`]: writes the code to the server log. It exists only in demo mode.
//!
//! [`Senders`] picks one per login: email logins go by SMTP when it is configured, else by
//! the webhook; mobile numbers go by the webhook. A login with no sender for it is refused
//! with `503 sender_unavailable` before any code is made. No sender ever logs a code
//! outside demo mode.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use crate::mask::mask_login;

/// A code to deliver.
#[derive(Debug, Clone)]
pub struct CodeMessage {
    /// The normalised login: a mainland mobile number or an email address.
    pub login: String,
    /// The six digits.
    pub code: String,
    /// RFC 3339 (UTC) end of the code's validity.
    pub expires_at: String,
    /// Minutes the code is valid.
    pub valid_minutes: i64,
}

/// What [`CodeSender::send`] returns.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// Sends a one-time code to a login (SMS or email).
pub trait CodeSender: Send + Sync {
    /// Delivers the code; an error is logged (without the code) and the request fails with 503.
    fn send<'a>(&'a self, message: &'a CodeMessage) -> SendFuture<'a>;
}

/// Writes codes to the server log (the demo "gateway"; demo mode only).
#[derive(Debug, Default)]
pub struct LogSender;

impl CodeSender for LogSender {
    fn send<'a>(&'a self, m: &'a CodeMessage) -> SendFuture<'a> {
        Box::pin(async move {
            tracing::info!(login = %mask_login(&m.login), code = %m.code, "sign-in code (log sender, demo mode)");
            Ok(())
        })
    }
}

/// How long a gateway may take to accept a code.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// `POST`s each code as JSON to an SMS gateway's webhook.
#[derive(Debug, Clone)]
pub struct WebhookSender {
    url: String,
    secret: Option<String>,
    client: reqwest::Client,
}

impl WebhookSender {
    /// A sender to `url` (http or https), with an optional bearer secret.
    pub fn new(url: &str, secret: Option<String>) -> Result<Self, String> {
        let parsed = reqwest::Url::parse(url).map_err(|e| format!("--code-webhook-url: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err("--code-webhook-url: expected an http:// or https:// URL".to_owned());
        }
        let client = reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("webhook client: {e}"))?;
        Ok(WebhookSender {
            url: url.to_owned(),
            secret: secret.filter(|s| !s.is_empty()),
            client,
        })
    }
}

impl CodeSender for WebhookSender {
    fn send<'a>(&'a self, m: &'a CodeMessage) -> SendFuture<'a> {
        Box::pin(async move {
            let body = serde_json::json!({
                "login": m.login,
                "code": m.code,
                "expires_at": m.expires_at,
            });
            let mut req = self.client.post(&self.url).json(&body);
            if let Some(secret) = &self.secret {
                req = req.bearer_auth(secret);
            }
            // The error text of reqwest names the URL, never the body.
            let res = req.send().await.map_err(|e| format!("webhook: {e}"))?;
            if !res.status().is_success() {
                return Err(format!("webhook answered {}", res.status()));
            }
            Ok(())
        })
    }
}

/// Sends each code as an email over SMTP.
#[derive(Clone)]
pub struct SmtpSender {
    from: lettre::message::Mailbox,
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
}

impl std::fmt::Debug for SmtpSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSender")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl SmtpSender {
    /// A sender through the server at `url` (`smtps://user:pass@host:465` for TLS,
    /// `smtp://host:587?tls=required` for STARTTLS; see lettre's `from_url`) from `from`.
    pub fn new(url: &str, from: &str) -> Result<Self, String> {
        let from = from
            .parse()
            .map_err(|e| format!("--smtp-from {from:?}: {e}"))?;
        let transport = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)
            .map_err(|e| format!("--smtp-url: {e}"))?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        Ok(SmtpSender { from, transport })
    }
}

/// The email of a code: bilingual subject and text.
pub fn code_email(
    from: &lettre::message::Mailbox,
    m: &CodeMessage,
) -> Result<lettre::Message, String> {
    let to: lettre::message::Mailbox = m
        .login
        .parse()
        .map_err(|e| format!("not an email address: {e}"))?;
    let minutes = m.valid_minutes;
    let text = format!(
        "您的登录验证码：{code}\n{minutes} 分钟内有效（至 {exp}）。如非本人操作，请忽略本邮件。\n\n\
         Your sign-in code: {code}\nValid for {minutes} minutes (until {exp}). If you did not ask for it, ignore this email.\n",
        code = m.code,
        exp = m.expires_at,
    );
    lettre::Message::builder()
        .from(from.clone())
        .to(to)
        .subject(format!("登录验证码 {0} · Sign-in code {0}", m.code))
        .header(lettre::message::header::ContentType::TEXT_PLAIN)
        .body(text)
        .map_err(|e| format!("email: {e}"))
}

impl CodeSender for SmtpSender {
    fn send<'a>(&'a self, m: &'a CodeMessage) -> SendFuture<'a> {
        Box::pin(async move {
            use lettre::AsyncTransport as _;
            let email = code_email(&self.from, m)?;
            self.transport
                .send(email)
                .await
                .map_err(|e| format!("smtp: {e}"))?;
            Ok(())
        })
    }
}

/// The configured senders; [`Senders::for_login`] picks one.
#[derive(Clone, Default)]
pub struct Senders {
    /// For email logins.
    pub email: Option<Arc<dyn CodeSender>>,
    /// For mobile numbers (and email logins when there is no email sender).
    pub webhook: Option<Arc<dyn CodeSender>>,
}

impl std::fmt::Debug for Senders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Senders")
            .field("email", &self.email.is_some())
            .field("webhook", &self.webhook.is_some())
            .finish()
    }
}

impl Senders {
    /// Only the log sender, for every login (demo mode without a configured sender).
    pub fn log() -> Self {
        let log: Arc<dyn CodeSender> = Arc::new(LogSender);
        Senders {
            email: Some(log.clone()),
            webhook: Some(log),
        }
    }

    /// From the flags: SMTP when `--smtp-url` is set (it needs `--smtp-from`), the webhook
    /// when `--code-webhook-url` is set; in demo mode, the log sender for what is left.
    pub fn from_config(c: &crate::Config) -> Result<Self, String> {
        let mut s = Senders::default();
        if let Some(url) = c.smtp_url.as_deref().filter(|u| !u.is_empty()) {
            let from = c
                .smtp_from
                .as_deref()
                .ok_or("--smtp-url needs --smtp-from (the sender address of the codes)")?;
            s.email = Some(Arc::new(SmtpSender::new(url, from)?));
        }
        if let Some(url) = c.code_webhook_url.as_deref().filter(|u| !u.is_empty()) {
            s.webhook = Some(Arc::new(WebhookSender::new(
                url,
                c.code_webhook_secret.clone(),
            )?));
        }
        if c.demo && s.webhook.is_none() {
            s.webhook = Some(Arc::new(LogSender));
        }
        Ok(s)
    }

    /// The sender for a normalised login, if one is configured.
    pub fn for_login(&self, login: &str) -> Option<&Arc<dyn CodeSender>> {
        if login.contains('@') {
            self.email.as_ref().or(self.webhook.as_ref())
        } else {
            self.webhook.as_ref()
        }
    }

    /// Whether no login can get a code.
    pub fn is_empty(&self) -> bool {
        self.email.is_none() && self.webhook.is_none()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_code_email_is_bilingual_and_addressed_to_the_login() {
        let from: lettre::message::Mailbox =
            "Youpin Living <no-reply@example.com>".parse().unwrap();
        let m = CodeMessage {
            login: "a@example.com".to_owned(),
            code: "123456".to_owned(),
            expires_at: "2026-12-06T03:20:00Z".to_owned(),
            valid_minutes: 5,
        };
        let email = code_email(&from, &m).unwrap();
        let text = String::from_utf8(email.formatted()).unwrap();
        assert!(text.contains("To: a@example.com"), "{text}");
        assert!(
            text.contains("From: \"Youpin Living\" <no-reply@example.com>"),
            "{text}"
        );
        assert!(text.contains("Subject: "), "{text}");
        assert!(
            text.contains("Content-Type: text/plain; charset=utf-8"),
            "{text}"
        );
        // The body is UTF-8 (Chinese and English); its encoding keeps the code readable.
        let body = email.formatted();
        let decoded = String::from_utf8_lossy(&body);
        assert!(decoded.contains("123456"), "{decoded}");
        // A mobile number is no email address.
        let sms = CodeMessage {
            login: "13912345678".to_owned(),
            ..m
        };
        assert!(code_email(&from, &sms).is_err());
    }

    #[test]
    fn senders_are_chosen_by_login_and_mode() {
        let mut c = crate::Config::new("sqlite::memory:", "dist");
        assert!(Senders::from_config(&c).unwrap().is_empty());
        c.smtp_url = Some("smtps://u:p@mail.example.com:465".to_owned());
        assert!(
            Senders::from_config(&c).is_err(),
            "--smtp-url needs --smtp-from"
        );
        c.smtp_from = Some("no-reply@example.com".to_owned());
        let s = Senders::from_config(&c).unwrap();
        assert!(s.for_login("a@example.com").is_some());
        assert!(s.for_login("13912345678").is_none());
        c.code_webhook_url = Some("ftp://x".to_owned());
        assert!(Senders::from_config(&c).is_err());
        c.code_webhook_url = Some("https://sms.example.com/hook".to_owned());
        assert!(Senders::from_config(&c)
            .unwrap()
            .for_login("13912345678")
            .is_some());
        let mut d = crate::Config::new("sqlite::memory:", "dist");
        d.demo = true;
        let s = Senders::from_config(&d).unwrap();
        assert!(s.for_login("13912345678").is_some() && s.for_login("a@example.com").is_some());
    }
}
