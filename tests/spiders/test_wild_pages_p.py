"""The forum reader on layouts of held-out set P (a blog's WordPress comments, a
phpBB 3 board in the subsilver2 style, a Discuz! board with pictures), each misread
at first contact. Written from the markup of those pages, which carry no licence
to copy:

- a comment template's `<cite>` holds the commenter's name;
- a post's table rows (header, words with the member's panel, buttons) are no
  paragraphs: the words are the message's cell;
- an attachment's popup menu, dated, per picture, is no post."""

from tests.spiders.pages import page, read


def wordpress_comment(n: int, name: str, day: str, words: str) -> str:
    return f"""<li class="comment depth-1" id="comment-{n}"><div class="div-comment" id="div-comment-{n}">
<div class="comment-meta"><div class="comment-author-avatar"><a class="avatar-placeholder" href="//gravatar/{n}"></a></div>
<div class="comment-info"><cite>{name}</cite> <a href="/2013/05/15/apple/#comment-{n}" class="comment-permalink">{day}</a>
</div></div><div class="comment-content"><div class="comment-text"><p>{words}</p></div>
<div class="comment-sharing"><a class="comment-reply-link" href="?replytocom={n}">Reply</a></div></div></div></li>"""


def test_the_name_in_a_comment_s_cite_is_its_author():
    comments = [(206899, "Ben", "Wednesday, May 15 2013", "These publishers testify against Apple after they settled."),
                (206901, "Peter", "Wednesday, May 15 2013", "Amazon had a history of selling items below cost."),
                (206920, "Laura", "Thursday, May 16 2013", "The whole thing is a joke the longer they drag it out.")]
    items, _ = read(page(f'<html lang="en"><body><ol class="commentlist">{"".join(wordpress_comment(*c) for c in comments)}'
                         f'</ol></body></html>'), engine="generic")
    assert [(i.author, i.published_at.date().isoformat()) for i in items] == [
        ("Ben", "2013-05-15"), ("Peter", "2013-05-15"), ("Laura", "2013-05-16")]


def subsilver2_post(n: int, name: str, when: str, joined: str, words: str) -> str:
    return f"""<table class="tablebg" width="100%" cellspacing="1"><tr class="row{n % 2 + 1}"><td valign="middle">
<a name="p{n}"></a><span class="postauthor">{name}</span></td><td width="100%"><table width="100%"><tr>
<td class="gensmall"><div style="float: left;">&nbsp;Post subject: </div><div style="float: right;">
<a href="./viewtopic.php?p={n}#p{n}"><img src="icon_post_target.gif" alt="Post"></a>Posted: {when}&nbsp;</div></td></tr>
</table></td></tr><tr class="row{n % 2 + 1}"><td valign="top" class="profile"><span class="postdetails"><br /><b>Joined:</b>
{joined}<br /><b>Posts:</b> 95<br /><b>Location:</b> Brisneyland</span></td><td valign="top"><table width="100%"><tr><td>
<div class="postbody">{words}</div><span class="postbody"><br />_________________<br />I just need to know where I have
been!</span></td></tr></table></td></tr><tr class="row{n % 2 + 1}"><td class="profile"><a href="#wrapheader">Top</a></td>
<td><div class="gensmall"><a href="./memberlist.php?mode=viewprofile&amp;u={n}">Profile</a></div></td></tr></table>"""


def test_a_subsilver2_post_s_words_are_its_message_not_its_rows():
    more = " Well done on behalf of all the completists out there, and thanks for putting all of these up."
    posts = [(20806, "swamp", "Mon Apr 06, 2009 3:07 am", "Sat May 14, 2005 2:08 am", "I re-ripped all the mixes." + more),
             (20807, "mcsteveg", "Mon Apr 06, 2009 10:09 am", "Thu Nov 10, 2005 11:41 am", "A labour of love!" + more),
             (20809, "Coza", "Mon Apr 06, 2009 9:30 pm", "Fri May 13, 2005 8:46 am", "I'm unable to download." + more)]
    items, _ = read(page(f'<html lang="en"><body><div id="pagecontent">{"".join(subsilver2_post(*p) for p in posts)}'
                         f'</div></body></html>'), engine="generic")
    assert [(i.author, i.published_at.isoformat(), i.text) for i in items] == [
        ("swamp", "2009-04-06T03:07:00+00:00", "I re-ripped all the mixes." + more),
        ("mcsteveg", "2009-04-06T10:09:00+00:00", "A labour of love!" + more),
        ("Coza", "2009-04-06T21:30:00+00:00", "I'm unable to download." + more)]


def test_the_popup_menus_of_a_post_s_pictures_are_no_posts():
    pictures = "".join(f'<img id="aimg_{n}" src="/a/{n}.jpg"><div class="tip tip_4 aimg_tip" id="aimg_{n}_menu">'
                       f'<div class="xs0"><p><strong>{n:03d} 布鲁克.jpg</strong> (729.37 KB, 下载次数: 12)</p>'
                       f'<p><a href="forum.php?mod=attachment&amp;aid={n}">下载附件</a></p>'
                       f'<p class="xg1 y">2019-7-3 21:06 上传</p></div></div>' for n in range(175657, 175667))
    posts = "".join(f"""<div id="post_{pid}"><table id="pid{pid}"><tr><td class="pls"><div class="authi">
<a href="space-uid-{pid}.html" class="xw1">{name}</a></div></td><td class="plc"><div class="pi"><div class="authi">
<em id="authorposton{pid}">发表于 {when}</em></div></div><div class="pct"><table><tr><td class="t_f" id="postmessage_{pid}">
{words}</td></tr></table></div></td></tr></table></div>""" for pid, name, when, words in [
        (1, "TalkOP汉化", "2019-7-3 21:35", "【TalkOP汉化】Vivre Card 恐怖船与象岛" + pictures),
        (2, "路飞", "2019-7-3 22:00", "感谢汉化组"), (3, "索隆", "2019-7-4 08:12", "辛苦了"),
        (4, "娜美", "2019-7-4 09:30", "太棒了，期待下一期")])
    items, _ = read(page(f'<html lang="zh"><body><div id="postlist">{posts}</div></body></html>'), engine="generic")
    assert [i.author for i in items] == ["TalkOP汉化", "路飞", "索隆", "娜美"]
