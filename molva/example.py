"""The commented example config that `molva init` writes."""

EXAMPLE_CONFIG = '''\
# Molva configuration. Secrets never go in this file: options ending in `_env`
# name the environment variable that holds the secret.

[store]
# SQLite file by default; for a team use PostgreSQL, e.g.
# url = "postgresql+psycopg://molva@db.example.com/molva"
# (the environment variable MOLVA_DATABASE_URL overrides this).
url = "sqlite:///molva-data/molva.sqlite"
data_dir = "molva-data"          # lock file and run data

[company]
name = "СеверТелеком"
aliases = ["SeverTelecom", "Север Телеком"]
# Optional; default: any of the name and aliases. AND / OR / NOT, "quoted phrases",
# parentheses, prefix*; OR binds tighter than AND. Russian word forms match
# (СеверТелекома, СеверТелекомом ...).
query = 'СеверТелеком OR SeverTelecom OR "Север Телеком" NOT (вакансия OR vacancy)'

[[competitors]]
name = "ВолнаНет"
aliases = ["VolnaNet"]
feeds = ["https://volnanet.example/news.rss"]   # their news: kept whether or not it names them

[[sources]]
name = "city forum: ISP thread"
kind = "forum"                    # phpBB, XenForo, vBulletin, SMF, MyBB, IPB, Discourse, Flarum...
url = "https://forum.example.org/viewtopic.php?t=123"   # a thread, or a board to follow its threads
max_pages = 20
engine = "auto"                   # recognised from the page

[[sources]]
name = "reviews page"
kind = "reviews"                  # schema.org Review in JSON-LD, microdata or RDFa
url = "https://reviews.example.com/company/severtelecom"

[[sources]]
name = "google alerts"
kind = "feed"                     # RSS or Atom: Google Alerts, Google News search, blogs
url = "https://www.google.com/alerts/feeds/00000000000000000000/0000000000000000000"

[[sources]]
name = "twitter"
kind = "twitter"
query = "SeverTelecom OR СеверТелеком -is:retweet"
token_env = "MOLVA_TWITTER_BEARER_TOKEN"
enabled = false                   # turn on once the token is in the environment

[[sources]]
name = "telegram: абоненты"
kind = "telegram"
url = "https://t.me/s/severtelecom_users"   # a public channel's web preview; no account needed
max_pages = 3

[[sources]]
name = "mastodon #severtelecom"
kind = "mastodon"
url = "https://mastodon.social/tags/severtelecom"
enabled = false

[[sources]]
name = "reddit search"
kind = "reddit"
url = "https://www.reddit.com/search?q=SeverTelecom"
enabled = false

[[sources]]
name = "hacker news"
kind = "hackernews"
url = "https://hn.algolia.com/api/v1/search_by_date?query=SeverTelecom"
hits_per_page = 50
enabled = false

[sentiment]
model = "default"                 # built by `molva model build` into $MOLVA_MODEL_DIR or ~/.local/share/molva/models/default; or a path, or a hub id
batch_size = 32
max_tokens = 256                  # longer posts keep their first 192 and last 64 tokens
backend = "auto"                  # auto (the int8 ONNX copy, else fp32 ONNX, else torch), onnx-int8, onnx or torch
threads = 0                       # CPU threads for scoring; 0 = all

[departments]                     # whose fault a complaint is: the first query that matches
tech = 'интернет OR связь OR скорость OR роутер* OR авария OR "не работает" OR internet OR outage OR connection OR slow'
billing = 'счет OR счёт OR оплат* OR списал* OR тариф* OR деньги OR billing OR invoice OR charged OR refund'
support = 'поддержк* OR оператор* OR "не отвечает" OR дозвон* OR support OR "on hold" OR agent'

[alerts]
negative_threshold = 0.6          # minimum confidence of a negative verdict
include_competitors = false
max_age_days = 7                  # older posts found for the first time raise no alert
digest = false                    # true: one message per run and channel with the top alerts
digest_top = 10
spikes = true                     # a day's negatives far above their baseline
spike_k = 3.0                     # ... above mean + k·std of the baseline days
spike_min_count = 5               # ... and at least this many
spike_baseline_days = 28
spike_window_days = 7             # the recent days checked
health = true                     # a source silent or failing
silent_days = 14
failing_runs = 3

[[alerts.channels]]
name = "manager e-mail"
kind = "email"
host = "smtp.example.com"
port = 587
security = "starttls"             # none | starttls | ssl
sender = "molva@example.com"
to = ["support-manager@example.com"]
username = "molva@example.com"
password_env = "MOLVA_SMTP_PASSWORD"

[[alerts.channels]]
name = "support chat"
kind = "telegram"
chat_id = "@severtelecom_support_alerts"
token_env = "MOLVA_TELEGRAM_BOT_TOKEN"
enabled = false                   # on once the bot token is in the environment

[[alerts.channels]]
name = "team slack"
kind = "slack"
webhook_env = "MOLVA_SLACK_WEBHOOK_URL"
enabled = false

[[alerts.channels]]
name = "helpdesk"
kind = "webhook"
url = "https://helpdesk.example.com/hooks/molva"
token_env = "MOLVA_WEBHOOK_TOKEN"
dry_run = true                    # print what would be sent, send nothing

[report]
language = "ru"                   # ru | en
output = "molva-report"
top_n = 10
timezone = "Europe/Moscow"        # the team's clock: weeks start Monday 00:00 there
csv_delimiter = ";"               # for Excel set up for Russian (decimal comma); "," elsewhere
deliver = ["manager e-mail"]      # channels that get the weekly report: e-mail all of it, chats a summary
# board_url = "https://molva.example.com/report/{week}"   # the link in delivered summaries
quotes = 3                        # memorable quotes chosen when the team picked none (`molva quote ID`)

[team]
staff = ["Светлана", "Олег"]      # praise naming them is listed under «Благодарности сотрудникам»

[cases]
open_within_days = 14             # older complaints (a first crawl's history) open no case

[crawl]
download_delay = 1.0              # seconds between requests to one site
concurrency_per_domain = 2
timeout = 30
max_response_bytes = 10485760
retries = 2

[board]                           # the team board: `molva serve`
secret_key_env = "MOLVA_BOARD_SECRET_KEY"   # the variable holding the session key
session_hours = 12
login_attempts = 5                # failed logins per name and address ...
login_window_minutes = 15         # ... within this window
proxies = 0                       # 1 behind one HTTPS reverse proxy: trust its X-Forwarded-For
'''
