"""The board through Flask's test client: nothing without a login, the login
itself (argon2, rate-limited, cookie flags), CSRF on every form, viewers only
read, scraped text escaped; and the editors' actions, each in the audit log."""

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.audit import history
from store.models import ComplaintCase, Correction, Quote
from tests.board.conftest import MENTIONS, PASSWORDS, WEEK, csrf_of, login, mention_id_of

PUBLIC = {"auth.login", "healthz", "static", "week.shared"}


def concrete(rule) -> str:
    """A URL for a rule, with its parameters filled in."""
    return re.sub(r"<(?:int:)?([a-z_]+)>", lambda m: {"week": WEEK}.get(m.group(1), "1"), rule.rule)


def every_rule(app, public=False):
    return [(r, method) for r in app.url_map.iter_rules() for method in sorted(r.methods - {"HEAD", "OPTIONS"})
            if (r.endpoint in PUBLIC) == public]


def test_healthz_answers_without_a_login(client):
    answer = client.get("/healthz")
    assert (answer.status_code, answer.get_data(as_text=True)) == (200, "ok")


def test_every_route_but_login_healthz_and_static_refuses_an_anonymous_request(app, client):
    rules = every_rule(app)
    assert len(rules) >= 15
    for rule, method in rules:
        answer = client.open(concrete(rule), method=method)
        body = answer.get_data(as_text=True)
        if method == "GET":
            assert answer.status_code == 302 and answer.location.startswith("/login"), rule.rule
        else:
            assert answer.status_code == 401, (method, rule.rule)
        assert not any(text[:20] in body for text, _, _ in MENTIONS), rule.rule
    assert client.get("/no/such/page").status_code == 302  # not even what exists is told
    assert client.get("/share/not-a-token").status_code == 404


def test_a_wrong_password_gives_no_session(client):
    answer = login(client, "eddie", "wrong-password-1")
    assert answer.status_code == 401 and "Wrong user name or password" in answer.get_data(as_text=True)
    assert "molva_session" not in answer.headers.get("Set-Cookie", "") or "_user_id" not in str(client.get_cookie("molva_session"))
    assert client.get("/mentions").status_code == 302
    assert login(client, "nobody", "whatever-password").status_code == 401
    assert client.get("/mentions").status_code == 302


def test_the_session_cookie_is_signed_http_only_and_same_site(client):
    answer = login(client, "eddie")
    assert answer.status_code == 302
    cookie = answer.headers["Set-Cookie"]
    assert "molva_session=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/mentions").status_code == 200
    value = client.get_cookie("molva_session").value
    client.set_cookie("molva_session", value[:-2] + ("AA" if not value.endswith("AA") else "BB"))  # tampered
    assert client.get("/mentions").status_code == 302


def test_login_attempts_are_rate_limited_even_for_the_right_password(client):
    for _ in range(5):
        assert login(client, "eddie", "guess-password-x").status_code == 401
    answer = login(client, "eddie")
    assert answer.status_code == 429 and "Too many failed logins" in answer.get_data(as_text=True)
    assert client.get("/mentions").status_code == 302


def test_a_form_posted_without_its_csrf_token_is_refused(editor, store):
    _, engine = store
    mention = mention_id_of(engine, "Спасибо")
    assert editor.post(f"/mentions/{mention}/label", data={"label": "negative"}).status_code == 400
    assert editor.post(f"/mentions/{mention}/quote", data={"action": "pick"}).status_code == 400
    assert editor.post("/logout").status_code == 400
    fresh = login(editor.application.test_client(), "eddie")  # a login form without its token, too
    assert fresh.status_code == 302
    other = editor.application.test_client()
    assert other.post("/login", data={"username": "eddie", "password": PASSWORDS["eddie"]}).status_code == 400
    with Session(engine) as s:
        assert s.scalar(select(Correction)) is None and s.scalar(select(Quote)) is None


def test_a_viewer_cannot_change_anything(app, viewer, store):
    _, engine = store
    token = csrf_of(viewer.get("/mentions").get_data(as_text=True))
    posts = [(r, m) for r, m in every_rule(app) if m == "POST" and r.endpoint != "auth.logout"]
    assert len(posts) >= 6
    for rule, _ in posts:
        answer = viewer.post(concrete(rule), data={"csrf_token": token, "label": "irrelevant", "action": "pick",
                                                   "status": "resolved", "outcome": "x", "case_id": "1"})
        assert answer.status_code == 403, rule.rule
    with Session(engine) as s:
        assert s.scalar(select(Correction)) is None and s.scalar(select(Quote)) is None
        assert set(s.scalars(select(ComplaintCase.status))) == {"open"}
    page = viewer.get(f"/mentions/{mention_id_of(engine, 'Спасибо')}").get_data(as_text=True)
    assert "Relabel" not in page and "Pick as a quote" not in page  # and no buttons that would fail


def test_security_headers_and_a_csp_without_inline_scripts(editor):
    answer = editor.get(f"/week/{WEEK}")
    assert answer.status_code == 200
    csp = answer.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert answer.headers["X-Content-Type-Options"] == "nosniff" and answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["Cache-Control"] == "no-store"
    html = answer.get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script"
    assert not re.search(r"\son[a-z]+=", html), "an inline event handler"


def test_scraped_text_is_escaped_and_links_are_only_http(editor, store):
    _, engine = store
    hostile = mention_id_of(engine, "<script>")
    for url in (f"/mentions/{hostile}", "/mentions?q=bold", f"/week/{WEEK}"):
        html = editor.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<b>bold</b>" not in html, url
        assert 'href="javascript:' not in html, url
    html = editor.get(f"/mentions/{hostile}").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html and 'id="source-link" href="#"' in html


def test_search_folds_case_and_word_forms_and_filters(editor, store):
    _, engine = store
    page = editor.get("/mentions?q=интернета").get_data(as_text=True)  # «Интернета» in the text
    assert "1 found" in page and "третий день нет Интернета" in page
    assert "2 found" in editor.get("/mentions?q=северный").get_data(as_text=True)  # Северном, Северный
    assert "3 found" in editor.get("/mentions?label=negative").get_data(as_text=True)
    assert "1 found" in editor.get("/mentions?entity=ВолнаНет").get_data(as_text=True)
    assert "1 found" in editor.get("/mentions?department=billing").get_data(as_text=True)
    assert "0 found" in editor.get("/mentions?since=2001-01-01&until=2001-01-02").get_data(as_text=True)
    assert "0 found" in editor.get("/mentions?q=северн_й").get_data(as_text=True)  # _ is a character, not a wildcard


def test_the_csv_export_is_the_filter_and_safe_in_a_spreadsheet(editor, store):
    answer = editor.get("/mentions.csv?label=negative")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    lines = answer.get_data(as_text=True).strip().splitlines()
    assert lines[0].startswith("id,entity,source,kind") and len(lines) == 4
    assert all(",negative," in line for line in lines[1:])


def test_relabelling_not_about_us_changes_the_week_rejects_the_case_and_is_audited(editor, store):
    _, engine = store
    week = editor.get(f"/week/{WEEK}").get_data(as_text=True)
    assert 'id="complaints-count">3<' in week
    windy = mention_id_of(engine, "Северный ветер")
    page = editor.get(f"/mentions/{windy}").get_data(as_text=True)
    answer = editor.post(f"/mentions/{windy}/label", data={"label": "irrelevant", "note": "погода",
                                                            "csrf_token": csrf_of(page)})
    assert answer.status_code == 302
    assert 'id="complaints-count">2<' in editor.get(f"/week/{WEEK}").get_data(as_text=True)
    with Session(engine) as s:
        correction = s.scalar(select(Correction).where(Correction.mention_id == windy))
        case = s.scalar(select(ComplaintCase).where(ComplaintCase.mention_id == windy))
    assert (correction.label, correction.corrected_by, correction.note) == ("irrelevant", "eddie", "погода")
    assert (case.status, case.outcome) == ("rejected", "not about us")
    entries = history(engine, [("mention", windy), ("case", case.id)])
    assert {(e.who, e.action, e.change.split(";")[0]) for e in entries} >= {
        ("eddie", "relabel", "label: negative → irrelevant"), ("eddie", "case.update", "status: open → rejected")}
    page = editor.get(f"/mentions/{windy}").get_data(as_text=True)
    assert "label: negative → irrelevant" in page and "by eddie" in page


def test_resolving_a_case_needs_an_outcome_and_notes_have_authors(editor, store):
    _, engine = store
    with Session(engine) as s:
        case_id = s.scalar(select(ComplaintCase.id).where(ComplaintCase.owner == "billing"))
    token = csrf_of(editor.get(f"/cases/{case_id}").get_data(as_text=True))
    editor.post(f"/cases/{case_id}", data={"status": "resolved", "csrf_token": token})
    assert editor.get(f"/cases/{case_id}").get_data(as_text=True).count('id="case-status">open<') == 1
    editor.post(f"/cases/{case_id}", data={"status": "resolved", "outcome": "вернули деньги", "assignee": "ada",
                                           "note": "позвонили клиенту", "csrf_token": token})
    page = editor.get(f"/cases/{case_id}").get_data(as_text=True)
    assert 'id="case-status">resolved<' in page and "вернули деньги" in page
    assert "eddie</span> позвонили клиенту" in page.replace(" · ", "</span> ") or "· eddie</span> позвонили клиенту" in page
    board = editor.get("/cases").get_data(as_text=True)
    resolved = board.split('id="column-resolved"')[1].split("</section>")[0]
    assert f'id="case-{case_id}"' in resolved and "ada" in resolved
    assert editor.post(f"/cases/{case_id}", data={"assignee": "mallory", "csrf_token": token}).status_code == 400
    form = editor.get(f"/cases/{case_id}").get_data(as_text=True).split('class="case-form"')[1].split("</form>")[0]
    fields = dict(re.findall(r'<select name="(\w+)"><option value="([^"]*)"', form))
    editor.post(f"/cases/{case_id}", data={**fields, "status": "in_progress", "csrf_token": token})  # as a browser sends it
    with Session(engine) as s:
        case = s.get(ComplaintCase, case_id)
        assert (case.status, case.owner, case.assignee) == ("in_progress", None, None)  # "nobody" clears


def test_bulk_actions_change_every_ticked_case(editor, store):
    _, engine = store
    with Session(engine) as s:
        ids = list(s.scalars(select(ComplaintCase.id)))
    token = csrf_of(editor.get("/cases").get_data(as_text=True))
    editor.post("/cases/bulk", data={"case_id": [str(i) for i in ids], "status": "in_progress", "assignee": "eddie",
                                     "csrf_token": token})
    with Session(engine) as s:
        assert set(s.execute(select(ComplaintCase.status, ComplaintCase.assignee))) == {("in_progress", "eddie")}
    assert len([e for e in history(engine) if e.action == "case.update"]) == len(ids)


def test_cases_filter_by_the_complaints_date(editor):
    page = editor.get("/cases?since=2001-01-01&until=2001-01-31").get_data(as_text=True)
    assert "case-card" not in page
    assert "case-card" in editor.get("/cases").get_data(as_text=True)


def test_picking_a_quote_and_unpicking_it(editor, store):
    _, engine = store
    praise = mention_id_of(engine, "Спасибо")
    token = csrf_of(editor.get(f"/mentions/{praise}").get_data(as_text=True))
    editor.post(f"/mentions/{praise}/quote", data={"action": "pick", "note": "мастер вовремя", "csrf_token": token})
    quotes = editor.get("/quotes").get_data(as_text=True)
    assert f'id="quote-{praise}"' in quotes and "picked by eddie" in quotes and "мастер вовремя" in quotes
    editor.post(f"/mentions/{praise}/quote", data={"action": "unpick", "csrf_token": token})
    assert f'id="quote-{praise}"' not in editor.get("/quotes").get_data(as_text=True)
    assert [e.action for e in history(engine, [("mention", praise)])] == ["quote.unpick", "quote.pick"]


def test_every_page_opens_for_a_viewer(viewer, store):
    _, engine = store
    for url in ("/", f"/week/{WEEK}", f"/week/{WEEK}/report", "/mentions", "/mentions.csv", "/mentions/1", "/cases",
                "/cases/1", "/quotes", "/competitors", "/sources", "/audit"):
        answer = viewer.get(url, follow_redirects=True)
        assert answer.status_code == 200, url
    assert viewer.get("/users").status_code == 403


def test_a_removed_user_or_a_changed_password_ends_the_session(app, store):
    from board.passwords import hash_password
    from store.users import remove_user, set_password_hash

    _, engine = store
    first, second = app.test_client(), app.test_client()
    login(first, "eddie")
    login(second, "vera")
    set_password_hash(engine, "eddie", hash_password("a-new-password-2"), who="test")
    remove_user(engine, "vera", who="test")
    assert first.get("/mentions").status_code == 302 and second.get("/mentions").status_code == 302


def test_a_share_link_shows_one_weeks_report_and_nothing_else(app, editor, store):
    token = csrf_of(editor.get(f"/week/{WEEK}").get_data(as_text=True))
    page = editor.post(f"/week/{WEEK}/share", data={"csrf_token": token}).get_data(as_text=True)
    link = re.search(r'value="(http://localhost/share/[^"]+)"', page).group(1)
    anonymous = app.test_client()
    answer = anonymous.get(link.removeprefix("http://localhost"))
    assert answer.status_code == 200 and "СеверТелеком" in answer.get_data(as_text=True)
    assert "script-src" not in answer.headers["Content-Security-Policy"]  # the report has no script at all
    assert anonymous.get(link.removeprefix("http://localhost")[:-3] + "xyz").status_code == 404
    assert anonymous.get("/mentions").status_code == 302


def test_a_login_goes_back_only_to_a_page_of_the_board(client):
    page = client.get("/login?next=//evil.example/").get_data(as_text=True)
    answer = client.post("/login?next=//evil.example/", data={"username": "eddie", "password": PASSWORDS["eddie"],
                                                            "csrf_token": csrf_of(page)})
    assert answer.status_code == 302 and answer.location.endswith("/week")
