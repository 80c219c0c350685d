//! The subscription commands: `subscribe`, `unsubscribe`, `subscriptions`, `update`,
//! `import-opml` and `export-opml`, over [`crate::subscribe`].

use super::args::{
    ExportArgs, ImportArgs, PathArgs, SubscribeArgs, SubscriptionsArgs, UnsubscribeArgs, UpdateArgs,
};
use crate::subscribe::storage::Retention;
use crate::subscribe::{self, Outcome, Paths, UpdateEvent, UpdateOptions, UrlsFile};
use crate::text::sanitize_line;
use serde_json::json;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

impl PathArgs {
    fn resolve(&self) -> anyhow::Result<Paths> {
        Paths::resolve(self.urls.as_deref(), self.feeds.as_deref()).ok_or_else(|| {
            anyhow::anyhow!("this platform has no config or data folder; use --urls and --feeds")
        })
    }
}

/// `warta subscribe URL [TAG...]`.
pub fn subscribe(args: &SubscribeArgs) -> anyhow::Result<ExitCode> {
    let paths = args.paths.resolve()?;
    let mut file = UrlsFile::read(&paths.urls)?;
    report_notes(file.notes());
    let added = match file.add(&args.url, &args.tags) {
        Ok(added) => added,
        Err(err) => {
            eprintln!("warta: {err}");
            return Ok(ExitCode::from(2));
        }
    };
    file.write()?;
    let url = sanitize_line(args.url.trim());
    match added {
        subscribe::urls::Added::New => println!("subscribed to {url}"),
        subscribe::urls::Added::Existing => println!("already subscribed to {url}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// `warta unsubscribe URL`.
pub fn unsubscribe(args: &UnsubscribeArgs) -> anyhow::Result<ExitCode> {
    let paths = args.paths.resolve()?;
    if subscribe::unsubscribe(&paths, &args.url, args.keep_items)? {
        let kept = if args.keep_items {
            "; its items stay in the feeds folder"
        } else {
            ""
        };
        println!("unsubscribed from {}{kept}", sanitize_line(args.url.trim()));
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "warta: not subscribed to {}",
            sanitize_line(args.url.trim())
        );
        Ok(ExitCode::from(1))
    }
}

/// A Unix time as local `YYYY-MM-DD HH:MM`.
fn local_time(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// `warta subscriptions`.
pub fn subscriptions(args: &SubscriptionsArgs) -> anyhow::Result<ExitCode> {
    let paths = args.paths.resolve()?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.show_paths {
        writeln!(out, "{}", paths.urls.display())?;
        writeln!(out, "{}", paths.feeds.display())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let (listed, notes) = subscribe::list(&paths)?;
    report_notes(&notes);
    for feed in &listed {
        if args.json {
            let line = json!({
                "url": feed.subscription.url,
                "tags": feed.subscription.tags,
                "title": feed.title,
                "file": feed.file.to_string_lossy(),
                "items": feed.items,
                "last_fetch": feed.last_fetch,
                "last_success": feed.last_success,
                "last_error": feed.last_error,
                "retry_at": feed.retry_at,
            });
            writeln!(out, "{line}")?;
            continue;
        }
        let title = sanitize_line(feed.title.as_deref().unwrap_or("(no title yet)"));
        let tags: Vec<&str> = feed.subscription.tags().collect();
        let tags = if tags.is_empty() {
            String::new()
        } else {
            format!("  [{}]", sanitize_line(&tags.join(", ")))
        };
        writeln!(out, "{title}{tags}")?;
        writeln!(out, "  {}", sanitize_line(&feed.subscription.url))?;
        let fetched = feed.last_fetch.map_or_else(
            || "never fetched".to_string(),
            |at| format!("fetched {}", local_time(at)),
        );
        let mut status = format!("  {} items, {fetched}", feed.items);
        if let Some(error) = &feed.last_error {
            status.push_str(&format!(", last error: {}", sanitize_line(error)));
        }
        if let Some(at) = feed.retry_at {
            status.push_str(&format!(", next try after {}", local_time(at)));
        }
        writeln!(out, "{status}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `warta update`.
pub fn update(args: &UpdateArgs) -> anyhow::Result<ExitCode> {
    let paths = args.paths.resolve()?;
    let mut options = UpdateOptions {
        jobs: args.jobs.max(1),
        force: args.force,
        retention: Retention {
            max_age_days: args.keep_days,
            max_items: args.keep_items,
        },
        only: args.only.clone(),
        ..UpdateOptions::default()
    };
    options.http.response_timeout = Duration::from_secs(args.timeout.max(1));
    let stop = std::sync::atomic::AtomicBool::new(false);
    let mut total = 0;
    let mut done = 0;
    let quiet = args.quiet;
    let summary = subscribe::run(&paths, &options, &stop, |event| match event {
        UpdateEvent::Started { feeds } => total = *feeds,
        UpdateEvent::FeedDone(report) if !quiet => {
            done += 1;
            let name = sanitize_line(report.title.as_deref().unwrap_or(&report.url));
            let what = match &report.outcome {
                Outcome::Updated | Outcome::Unchanged if report.new_items > 0 => {
                    format!("{} new, {} kept", report.new_items, report.items)
                }
                Outcome::Updated | Outcome::Unchanged => {
                    format!("nothing new, {} kept", report.items)
                }
                Outcome::Waiting { until } => format!("waiting until {}", local_time(*until)),
                Outcome::Failed(reason) => format!("failed: {}", sanitize_line(reason)),
                Outcome::Stopped => "stopped".to_string(),
            };
            let moved = report
                .moved_to
                .as_deref()
                .map(|to| format!(" (moved to {})", sanitize_line(to)))
                .unwrap_or_default();
            eprintln!("[{done}/{total}] {name}: {what}{moved}");
        }
        _ => {}
    })?;
    report_notes(&summary.notes);
    let failed = summary
        .feeds
        .iter()
        .filter(|f| matches!(f.outcome, Outcome::Failed(_)))
        .count();
    let changed = summary.changed_files().len();
    println!(
        "{} feeds: {} new items in {changed} feeds, {failed} failed; items in {}",
        summary.feeds.len(),
        summary.new_items(),
        paths.feeds.display()
    );
    if !summary.feeds.is_empty() && failed == summary.feeds.len() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// `warta import-opml FILE`.
pub fn import_opml(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let paths = args.paths.resolve()?;
    let report = subscribe::import_opml(&paths, &args.file)?;
    report_notes(&report.notes);
    println!(
        "{} subscriptions added, {} already there",
        report.added, report.existing
    );
    Ok(ExitCode::SUCCESS)
}

/// `warta export-opml`.
pub fn export_opml(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let paths = args.paths.resolve()?;
    print!("{}", subscribe::export_opml(&paths)?);
    Ok(ExitCode::SUCCESS)
}

fn report_notes(notes: &[crate::article::Problem]) {
    for note in notes {
        eprintln!("warta: {note}");
    }
}
