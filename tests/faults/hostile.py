"""The hostile-text corpus: what scraped text may carry into a report or a message."""

PAYLOADS = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><iframe src="javascript:alert(1)">',
    "[click](javascript:alert(1))",
    "![x](https://evil.example/track.png)",
    "<https://evil.example>",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\tleading tab",
    "line\r\nBcc: victim@example.com",
    "<!channel> <@U123> *bold* _it_",
    "&lt;b&gt;already escaped&lt;/b&gt;",
    "\u202egnp.exe",  # right-to-left override
    "{{ 7*7 }} {% raw %}",
    "\x00nul \x07bell \x1b[31mred",
]
URLS = ["javascript:alert(1)", "data:text/html,<script>x</script>", "https://x.example/a?b=<c>&d=\"e\"",
        "https://x.example/t?a=1><javascript:alert(1)>", " JAVASCRIPT:alert(1)"]
