"""The pages every council site has: privacy notice, accessibility statement, cookies and contact.

Standard pages under the home page, linked from the footer (templates/base.html).
The retention periods in the privacy notice are the ones the site applies
(settings HUB_RETENTION_* and HUB_DATA_EXPORT_HOURS, used by accounts/).
Loading twice changes nothing: a page that exists is left as the editors made it.
"""

from django.conf import settings

from cms.demo import home_page
from cms.models import StandardPage

CONTACT_EMAIL = "hub@councils.coop"


def privacy_body() -> str:
    unverified = settings.HUB_RETENTION_UNVERIFIED_DAYS
    notifications = settings.HUB_RETENTION_READ_NOTIFICATIONS_DAYS
    export_hours = settings.HUB_DATA_EXPORT_HOURS
    return (
        "<h2>Who we are</h2>"
        "<p>The Co-operative Councils Innovation Network (CCIN) runs this hub for its member "
        "councils and affiliates. The network is the data controller for the personal data "
        "the hub holds. Member councils stay the controllers of the records they keep "
        "about their own staff.</p>"
        "<h2>What we collect</h2>"
        "<ul>"
        "<li>Your account: your name, work email address, password (stored only as a "
        "one-way hash), your council or organisation, and your membership status.</li>"
        "<li>Your profile, if you fill it in: job title, a short biography, areas of "
        "expertise and whether other members can see it.</li>"
        "<li>What you write and do on the hub: ideas, votes, comments, discussion threads "
        "and replies, placement offers and applications, mentoring requests, event "
        "registrations, reports to moderators and the notifications we send you.</li>"
        "<li>If you sign in with your council's Microsoft 365 account: the verified work "
        "email address and name your council's identity service sends us. We do not "
        "keep its access tokens.</li>"
        "</ul>"
        "<h2>Why we collect it, and our lawful basis</h2>"
        "<p>We use your data to run the network's membership and the hub: to confirm "
        "that you work for a member council or affiliate, to show your contributions "
        "under your name, to arrange placements, mentoring and events, and to send you the "
        "notifications you choose. Our lawful basis is legitimate interests (UK GDPR "
        "Article 6(1)(f)): the network's interest, shared with its member councils, in "
        "officers learning from each other. Emails beyond those needed to run your account "
        "follow the choices on your account page, which you can change at any time.</p>"
        "<p>We do not sell your data, use it for advertising, or share it with anyone "
        "outside the network except the companies that host the hub and send its email, "
        "under contract and only on our instructions.</p>"
        "<h2>How long we keep it</h2>"
        "<ul>"
        f"<li>Sign-ups whose email address is never confirmed: deleted after {unverified} "
        "days.</li>"
        f"<li>Notifications you have read: deleted after {notifications} days.</li>"
        f"<li>A copy of your data that you download: available for {export_hours} hours, "
        "then deleted.</li>"
        "<li>Your account and profile: for as long as you keep your account. When you "
        "delete it, your name, email address and profile are removed at once; what you "
        "posted in public stays so that discussions still read, shown as written by "
        "“a former member”, and your votes still count without being linked to you.</li>"
        "</ul>"
        "<h2>Your rights</h2>"
        "<p>You have the right to see the data we hold about you, to have it corrected, "
        "to have it erased, to object to how we use it and to take it elsewhere.</p>"
        "<ul>"
        "<li><strong>Download my data</strong>: from your account page, you can download "
        "everything the hub holds about you and everything you wrote, as a JSON file "
        'with a readable summary (<a href="/accounts/my-data/">Download my data</a>).</li>'
        "<li><strong>Delete my account</strong>: from your account page, after you "
        'confirm (<a href="/accounts/delete/">Delete my account</a>).</li>'
        "</ul>"
        f'<p>If you cannot sign in, email <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a> '
        "and a network editor will do either for you once we have checked who you are. We "
        "reply within one month.</p>"
        "<h2>Who to contact</h2>"
        f'<p>For anything about your data, write to <a href="mailto:{CONTACT_EMAIL}">'
        f"{CONTACT_EMAIL}</a>. If you are not happy with our answer, you can complain to "
        'the Information Commissioner\'s Office (ICO) at <a href="https://ico.org.uk/make-a-complaint/">'
        "ico.org.uk/make-a-complaint</a>.</p>"
    )


ACCESSIBILITY_BODY = (
    "<p>This accessibility statement applies to the CCIN network hub. It does not cover "
    "the editors' administration pages.</p>"
    "<p>The hub is run by the Co-operative Councils Innovation Network. We want as many "
    "people as possible to be able to use it. For example, you should be able to:</p>"
    "<ul>"
    "<li>change colours, contrast levels and fonts using your browser or device settings</li>"
    "<li>zoom in up to 400% without the text spilling off the screen</li>"
    "<li>use every page on a phone 320 pixels wide without scrolling sideways</li>"
    "<li>navigate the whole hub using just a keyboard, and without JavaScript</li>"
    "<li>listen to most of the hub using a screen reader, including live updates to "
    "liveblogs, which are announced politely</li>"
    "</ul>"
    '<p><a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making '
    "your device easier to use if you have a disability.</p>"
    "<h2>How accessible this website is</h2>"
    "<p>We know some parts of this website are not fully accessible:</p>"
    "<ul>"
    "<li>some older publications in the library are PDF documents that may not work "
    "well with assistive technology</li>"
    "<li>videos and other content embedded in liveblogs from other sites may not have "
    "captions or transcripts</li>"
    "<li>the map of member councils is hard to use without sight or a pointer; the "
    "directory of councils gives the same information as a list</li>"
    "</ul>"
    "<h2>Feedback and contact information</h2>"
    "<p>If you need information on this website in a different format, like accessible "
    "PDF, large print, easy read, audio recording or braille, email "
    f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>. We will consider your request '
    "and get back to you in 10 working days.</p>"
    "<h2>Reporting accessibility problems with this website</h2>"
    "<p>We are always looking to improve the accessibility of this website. If you find any "
    "problems not listed on this page or think we are not meeting accessibility "
    f'requirements, email <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a> with the '
    "page address and what went wrong.</p>"
    "<h2>Enforcement procedure</h2>"
    "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
    "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
    "Regulations 2018 (the ‘accessibility regulations’). If you are not happy with how we "
    "respond to your complaint, contact the "
    '<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support '
    "Service (EASS)</a>. In Northern Ireland, contact the "
    '<a href="https://www.equalityni.org/Home">Equality Commission for Northern '
    "Ireland</a>.</p>"
    "<h2>Technical information about this website’s accessibility</h2>"
    "<p>The Co-operative Councils Innovation Network is committed to making its website "
    "accessible, in accordance with the Public Sector Bodies (Websites and Mobile "
    "Applications) (No. 2) Accessibility Regulations 2018.</p>"
    "<h3>Compliance status</h3>"
    "<p>This website is partially compliant with the "
    '<a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines '
    "version 2.2</a> AA standard, due to the non-compliances listed below.</p>"
    "<h3>Non-accessible content</h3>"
    "<p>Some older PDF publications in the library do not have tagged headings or "
    "described images (WCAG 1.1.1 and 1.3.1). When we publish a new PDF, we also publish "
    "its content as a web page. Content embedded from other sites in liveblogs may lack "
    "captions (WCAG 1.2.2); editors add a text summary with each embed.</p>"
    "<h2>What we do to test and improve accessibility</h2>"
    "<p>Every page type of the hub is tested automatically each time the code changes:</p>"
    "<ul>"
    "<li>axe-core, an accessibility testing engine, runs in a real browser (Chromium) on "
    "every page type against the WCAG 2.0, 2.1 and 2.2 A and AA rules;</li>"
    "<li>browser tests use the main journeys (posting an idea, replying to a discussion, "
    "applying for a placement, registering for an event, following a liveblog) with the "
    "keyboard only, and with JavaScript switched off;</li>"
    "<li>every page type is checked at 320 and 390 pixels wide, to make sure nothing "
    "needs scrolling sideways and the menu opens and closes by keyboard.</li>"
    "</ul>"
    "<p>Automated tests find only some problems, so we also check new features by hand "
    "with a keyboard and a screen reader before they go live.</p>"
    "<h2>Preparation of this accessibility statement</h2>"
    "<p>This statement was prepared on 29 November 2026. It was last reviewed on "
    "29 November 2026.</p>"
    "<p>This website was last tested on 29 November 2026 by the network's developers, "
    "using the automated and manual checks above on every page type.</p>"
)

COOKIES_BODY = (
    "<p>Cookies are small files saved on your phone, tablet or computer when you visit a "
    "website. The hub uses only the cookies it needs to work, so we do not ask for your "
    "permission to set them and there is no cookie banner. We do not use analytics, "
    "advertising or any other cookies, and nothing on the hub sets cookies from other "
    "websites.</p>"
    "<h2>Essential cookies</h2>"
    "<ul>"
    "<li><strong>sessionid</strong>: keeps you signed in as you move between pages. "
    "Expires after 2 weeks, or when you sign out.</li>"
    "<li><strong>csrftoken</strong>: protects the forms you send from being forged by "
    "another website. Expires after 1 year.</li>"
    "<li><strong>messages</strong>: carries a confirmation such as “Your idea was posted” "
    "to the next page you see. Expires when you close your browser.</li>"
    "</ul>"
    "<p>If you block these cookies in your browser you can still read public pages, but you "
    "will not be able to sign in or send forms.</p>"
)

CONTACT_BODY = (
    "<h2>The network team</h2>"
    f'<p>Email <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a> about the hub, '
    "membership, events or anything on this website. We reply within five working days.</p>"
    "<h2>Joining the network</h2>"
    "<p>Councils join as full members and other organisations and individuals as "
    'affiliates: see <a href="/membership/">Membership</a>. If you work for a member '
    'council, <a href="/accounts/signup/">create an account</a> with your work email '
    "address and you are confirmed at once.</p>"
    "<h2>Your membership request or your council's page</h2>"
    "<p>Each member council has a council lead who confirms new officers and keeps the "
    "council's page up to date. Find your council in the "
    '<a href="/members/councils/">directory</a>.</p>'
    "<h2>Your personal data</h2>"
    '<p>See the <a href="/privacy/">privacy notice</a>, or email us and say it is a data '
    "protection request.</p>"
    "<h2>Accessibility problems</h2>"
    '<p>See the <a href="/accessibility/">accessibility statement</a> for how to report a '
    "problem or ask for a different format.</p>"
)


def policy_pages() -> list[tuple[str, str, str, str]]:
    """(slug, title, introduction, body) for each page, in footer order."""
    return [
        (
            "privacy",
            "Privacy notice",
            "What the hub collects about you, why, how long we keep it and how to use your rights.",
            privacy_body(),
        ),
        (
            "accessibility",
            "Accessibility statement",
            "How accessible the CCIN network hub is, what we tested and how, and how to "
            "report a problem.",
            ACCESSIBILITY_BODY,
        ),
        (
            "cookies",
            "Cookies",
            "The hub sets only the cookies it needs to work.",
            COOKIES_BODY,
        ),
        (
            "contact",
            "Contact us",
            "How to reach the network team.",
            CONTACT_BODY,
        ),
    ]


def load(*, stdout) -> None:
    home = home_page()
    created = 0
    for slug, title, introduction, body in policy_pages():
        if StandardPage.objects.child_of(home).filter(slug=slug).exists():
            continue
        page = StandardPage(slug=slug, title=title, introduction=introduction, body=body)
        home.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    stdout.write(f"Policy pages: {created} created")
