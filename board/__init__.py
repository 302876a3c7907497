"""The team board: the web page the support team works in (`molva serve`).

Server-rendered Flask pages over the store: the week, mentions, the case
board, quotes, competitors, sources and runs; editors relabel, pick quotes
and work the cases, and every action lands in the audit log. Importing this
package loads no web framework: `board.app` does."""
