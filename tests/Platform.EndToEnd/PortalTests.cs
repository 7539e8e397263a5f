using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// The portal (烽火 工作台) in a real Chromium, end to end through the gateway on the running
/// platform: the same login page, tokens, APIs and events a duty officer at 3 a.m. meets.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PortalTests(PlatformFixture fixture) : IAsyncLifetime
{
    private PortalBrowser browser = null!;

    private IncidentDesk Desk => new(fixture.Gateway);

    public async Task InitializeAsync() => browser = await PortalBrowser.LaunchAsync(fixture.Platform.Gateway);

    public async Task DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task A_county_report_filed_in_the_browser_counts_down_and_reaches_the_city_board_live_once_level_I_starts()
    {
        var county = await browser.OpenAsync();
        await county.GotoAsync("/");
        // No session yet: the gateway's / is the identity service's login page, in Chinese.
        await Expect(county.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("烽火应急平台") })).ToBeVisibleAsync();
        await Expect(county.GetByLabel("用户名")).ToBeVisibleAsync();
        await PortalBrowser.ScreenshotAsync(county, "01-login");

        await PortalBrowser.SignInAsync(county, "yangcheng.duty");
        await Expect(county.GetByTestId("user-title")).ToHaveTextAsync("阳城县 · 值班员");
        await Expect(county.GetByRole(AriaRole.Heading, new() { Name = "工作台", Exact = true })).ToBeVisibleAsync();

        await PortalBrowser.MenuAsync(county, "事件上报");
        await Expect(county.GetByLabel("事件类别")).ToBeVisibleAsync();
        // Sent without the required fields, the API's own messages appear on the fields.
        await county.GetByRole(AriaRole.Button, new() { Name = "提交上报" }).ClickAsync();
        await Expect(county.GetByTestId("field-error-category")).ToHaveTextAsync("请选择事件类别");
        await Expect(county.GetByTestId("field-error-occurringUnit")).ToHaveTextAsync("请填写发生单位");

        await county.GetByLabel("事件类别").SelectOptionAsync(new SelectOptionValue { Label = "数据安全事件" });
        await county.GetByLabel("事件子类").SelectOptionAsync(new SelectOptionValue { Label = "数据泄露事件" });
        await county.GetByLabel("事件级别").SelectOptionAsync("large");
        await county.GetByLabel("发生单位").FillAsync("县人民医院");
        await county.GetByLabel("报告人").FillAsync("张伟");
        await county.GetByLabel("事件描述").FillAsync("医院信息系统数据库疑被拖库，部分患者信息在境外论坛出售。");
        await PortalBrowser.ScreenshotAsync(county, "02-report-form");
        await county.GetByRole(AriaRole.Button, new() { Name = "提交上报" }).ClickAsync();

        // Plan 002: a 较大 event goes up within 30 minutes of occurrence; the clock runs on the page.
        var countdown = county.GetByTestId("countdown").Filter(new() { HasText = "向上报告" });
        await Expect(countdown).ToHaveTextAsync(new Regex(@"剩余 (30:00|[12]\d:\d\d)"));
        var number = (await county.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Split(' ')[0];
        Assert.Matches(@"^阳城-\d{4}-\d{4}$", number);
        var first = await countdown.InnerTextAsync();
        await Expect(countdown).Not.ToHaveTextAsync(first);
        await PortalBrowser.ScreenshotAsync(county, "03-incident-countdown");

        // 研判 on the page: only acts the duty officer may do are offered, and levels are not among them.
        await Expect(county.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("启动") })).ToHaveCountAsync(0);
        // The clock to report upward runs before 研判 too: the first report can go up at once.
        await Expect(county.GetByRole(AriaRole.Button, new() { Name = "上报上级" })).ToBeVisibleAsync();
        foreach (var notHers in new[] { "签收", "接管指挥", "关闭事件", "发出问询" })
        {
            await Expect(county.GetByRole(AriaRole.Button, new() { Name = notHers, Exact = true })).ToHaveCountAsync(0);
        }
        await county.GetByLabel("研判结论").SelectOptionAsync("confirmed");
        await county.GetByLabel("事件级别").SelectOptionAsync("large");
        await county.GetByRole(AriaRole.Button, new() { Name = "提交研判" }).ClickAsync();
        await Expect(county.GetByTestId("incident-state")).ToHaveTextAsync("已确认");
        var incidentUrl = county.Url;
        var id = incidentUrl[(incidentUrl.LastIndexOf('/') + 1)..];

        var city = await browser.OpenAsync();
        await PortalBrowser.SignInAsync(city, "jincheng.duty");
        await Expect(city.GetByTestId("user-title")).ToHaveTextAsync("晋城市 · 值班员");
        await PortalBrowser.MenuAsync(city, "下级上报");
        await Expect(city.GetByRole(AriaRole.Heading, new() { Name = "下级上报", Exact = true })).ToBeVisibleAsync();
        var row = city.GetByTestId("escalated-row").Filter(new() { HasText = number });
        await Expect(row).ToHaveCountAsync(0);

        // The county commander starts level I (through the API, as a third desk would); the city's open page shows it without a reload.
        await Desk.ActAsync(id, "response", "yangcheng.commander", new { level = "I" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("较大");
        await Expect(row).ToContainTextAsync("阳城县");
        // What was sent and why: level I asks the city for support by itself, in the county commander's name.
        var sent = row.GetByTestId("escalation");
        await Expect(sent).ToHaveCountAsync(1);
        await Expect(sent).ToContainTextAsync("请求支援");
        await Expect(sent).ToContainTextAsync("报请上级指挥机构支援");
        await Expect(sent).ToContainTextAsync("yangcheng.commander（启动响应时按预案自动报送）");
        await PortalBrowser.ScreenshotAsync(city, "04-city-board-live");

        await row.GetByRole(AriaRole.Button, new() { Name = $"签收 {number}" }).ClickAsync();
        await Expect(row).ToContainTextAsync("已签收");
        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(city.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);
        // The city reads the county's incident in the county plan's words: 数据安全事件, not its code.
        await Expect(city.GetByTestId("incident-subtitle")).ToContainTextAsync("数据安全事件");
        var escalation = city.GetByTestId("escalation");
        await Expect(escalation).ToContainTextAsync(new Regex(@"请求支援\s*阳城县 → 晋城市"));
        await Expect(escalation).ToContainTextAsync("jincheng.duty 已签收");
        // The city's duty desk, once it has signed: ask and send on up, as the incidents service lists it; taking over is its commanders'.
        await Expect(city.GetByRole(AriaRole.Button, new() { Name = "上报上级" })).ToBeVisibleAsync();
        await Expect(city.GetByRole(AriaRole.Button, new() { Name = "签收", Exact = true })).ToHaveCountAsync(0);
        await Expect(city.GetByRole(AriaRole.Button, new() { Name = "接管指挥", Exact = true })).ToHaveCountAsync(0);
        await Expect(city.GetByRole(AriaRole.Button, new() { Name = "提交续报" })).ToHaveCountAsync(0);
        await city.GetByLabel("问询内容").FillAsync("请核实泄露数据的条数。");
        await city.GetByRole(AriaRole.Button, new() { Name = "发出问询" }).ClickAsync();
        await Expect(city.GetByTestId("inquiry")).ToContainTextAsync("请核实泄露数据的条数。");
        await PortalBrowser.ScreenshotAsync(city, "05-city-incident");

        // Back in the county, the inquiry is answered and a 续报 added on the same page.
        await county.ReloadAsync();
        await Expect(county.GetByTestId("inquiry")).ToContainTextAsync("晋城市 问：请核实泄露数据的条数。");
        await county.GetByLabel("答复问询").FillAsync("约两万条，涉及挂号系统。");
        await county.GetByRole(AriaRole.Button, new() { Name = "提交答复" }).ClickAsync();
        await Expect(county.GetByTestId("inquiry")).ToContainTextAsync("约两万条，涉及挂号系统。");
        await county.GetByLabel("续报内容").FillAsync("已完成取证，正在排查其他系统。");
        await county.GetByRole(AriaRole.Button, new() { Name = "提交续报" }).ClickAsync();
        await Expect(county.GetByTestId("act-outcome")).ToContainTextAsync("操作已完成");
        await PortalBrowser.ScreenshotAsync(county, "06-county-answered");

        // 未读通知 in the header opens the inbox: the city's inquiry waits there to be acknowledged, naming the city.
        await county.GetByTestId("unread-count").ClickAsync();
        await Expect(county.GetByRole(AriaRole.Heading, new() { Name = "通知", Exact = true })).ToBeVisibleAsync();
        var inquiry = county.GetByTestId("notification").Filter(new() { HasText = $"上级问询：{number}" });
        await Expect(inquiry).ToContainTextAsync("需确认");
        await Expect(inquiry).ToContainTextAsync("晋城市 就事件");
        await inquiry.GetByRole(AriaRole.Button, new() { Name = "确认收到" }).ClickAsync();
        await Expect(county.GetByTestId("notification-outcome")).ToContainTextAsync("已确认收到");
        await Expect(inquiry).ToContainTextAsync("已确认");
        await Expect(inquiry.GetByRole(AriaRole.Button, new() { Name = "确认收到" })).ToHaveCountAsync(0);
        await PortalBrowser.ScreenshotAsync(county, "07-county-inbox");
        await inquiry.GetByRole(AriaRole.Link, new() { Name = $"查看事件 {number}" }).ClickAsync();
        await Expect(county.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);
    }

    [Fact]
    public async Task An_administrator_onboards_a_county_through_the_wizard_and_its_first_user_signs_in_with_the_one_time_password()
    {
        var admin = await browser.OpenAsync();
        await PortalBrowser.SignInAsync(admin, "admin");
        await Expect(admin.GetByTestId("user-title")).ToHaveTextAsync("平台 · 平台管理员");
        // Summaries are a jurisdiction's figures: opened by its address, the administrator is told so, and offered no query.
        await admin.GotoAsync("/summaries");
        await Expect(admin.GetByTestId("summaries-not-for-admin")).ToContainTextAsync("平台管理员不查看辖区的事件内容");
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "查询" })).ToHaveCountAsync(0);
        await PortalBrowser.MenuAsync(admin, "接入辖区");

        await admin.GetByLabel("上级辖区").SelectOptionAsync("jincheng");
        await admin.GetByLabel("类别").SelectOptionAsync("County");
        await admin.GetByLabel("辖区名称").FillAsync("沁水县");
        await admin.GetByLabel("辖区代码").FillAsync("qinshui");
        await PortalBrowser.ScreenshotAsync(admin, "11-onboarding-parent");
        await admin.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();

        await admin.GetByLabel("预案模板").SelectOptionAsync("county");
        await admin.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();

        await Expect(admin.GetByTestId("user-row")).ToHaveCountAsync(2);
        await Expect(admin.GetByLabel("用户 1 用户名")).ToHaveValueAsync("qinshui.duty");
        await admin.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "请确认" })).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "确认接入" }).ClickAsync();

        var duty = admin.GetByTestId("onboarded-user").Filter(new() { HasText = "qinshui.duty" });
        await Expect(duty.GetByTestId("one-time-password")).ToHaveTextAsync(new Regex(@"^\S{12,}$"));
        await Expect(admin.GetByText("一次性密码只显示这一次")).ToBeVisibleAsync();
        var oneTimePassword = await duty.GetByTestId("one-time-password").InnerTextAsync();
        await PortalBrowser.ScreenshotAsync(admin, "12-onboarding-passwords");

        // The new county's duty officer, on a phone, signs in, sets a password of their own, and lands on the desk.
        var newcomer = await browser.OpenAsync(width: 390, height: 844);
        await PortalBrowser.SignInAsync(newcomer, "qinshui.duty", oneTimePassword);
        await newcomer.Locator("#password-new").FillAsync("Qinshui@duty2026");
        await newcomer.Locator("#password-confirm").FillAsync("Qinshui@duty2026");
        await newcomer.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("提交") }).ClickAsync();
        await Expect(newcomer.GetByTestId("user-title")).ToHaveTextAsync("沁水县 · 值班员");
        await Expect(newcomer.GetByRole(AriaRole.Heading, new() { Name = "工作台", Exact = true })).ToBeVisibleAsync();
        await PortalBrowser.ScreenshotAsync(newcomer, "13-first-login-phone");

        // Signing out ends the portal's session and asks the realm to end its own: back at the password form.
        await PortalBrowser.SignOutAndExpectThePasswordAsync(newcomer);
    }

    [Fact]
    public async Task A_duty_officer_who_signs_out_must_give_the_password_again()
    {
        var duty = await browser.OpenAsync();
        await PortalBrowser.SignInAsync(duty, "yangcheng.duty");
        await Expect(duty.GetByTestId("user-title")).ToHaveTextAsync("阳城县 · 值班员");

        await PortalBrowser.SignOutAndExpectThePasswordAsync(duty);
        await PortalBrowser.ScreenshotAsync(duty, "07-signed-out");
    }

    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1366, 768, "laptop")]
    public async Task The_layout_fits_the_screen_and_its_menu_is_reached_with_the_keyboard(int width, int height, string screen)
    {
        var duty = await browser.OpenAsync(width, height);
        await PortalBrowser.SignInAsync(duty, "yangcheng.duty");
        await Expect(duty.GetByTestId("user-title")).ToHaveTextAsync("阳城县 · 值班员");
        await Expect(duty.GetByRole(AriaRole.Heading, new() { Name = "工作台", Exact = true })).ToBeVisibleAsync();

        // A page opens with the focus on its heading (FocusOnNavigate); back from there, the keyboard
        // reaches the header and the skip link to the content, shown where it can be seen.
        await Expect(duty.Locator("h1")).ToBeFocusedAsync();
        var skip = duty.GetByRole(AriaRole.Link, new() { Name = "跳到正文" });
        await PortalBrowser.TabToAsync(duty, skip, "Shift+Tab");
        await Expect(skip).ToBeInViewportAsync();
        await PortalBrowser.ScreenshotAsync(duty, $"31-skip-link-{screen}");

        // Tab on to the menu — behind 菜单 on a phone — and open 预警 by keyboard alone, the focus ring showing all along.
        if (await PortalBrowser.MenuToggle(duty).IsVisibleAsync())
        {
            await PortalBrowser.TabToAsync(duty, PortalBrowser.MenuToggle(duty));
            await PortalBrowser.ExpectFocusRingAsync(PortalBrowser.MenuToggle(duty));
            await duty.Keyboard.PressAsync("Enter");
            await Expect(PortalBrowser.MenuToggle(duty)).ToHaveAttributeAsync("aria-expanded", "true");
        }
        var warnings = PortalBrowser.Menu(duty).GetByRole(AriaRole.Link, new() { Name = "预警", Exact = true });
        await PortalBrowser.TabToAsync(duty, warnings);
        await PortalBrowser.ExpectFocusRingAsync(warnings);
        await PortalBrowser.ScreenshotAsync(duty, $"32-menu-by-keyboard-{screen}");
        await duty.Keyboard.PressAsync("Enter");
        await Expect(duty.GetByRole(AriaRole.Heading, new() { Name = "预警", Exact = true })).ToBeVisibleAsync();

        // Each page of the duty desk fits the screen's width and labels every field.
        foreach (var (path, heading, page) in new[] { ("/", "工作台", "desk"), ("/incidents/new", "事件上报", "report"), ("/escalated", "下级上报", "escalated"), ("/warnings", "预警", "warnings") })
        {
            await duty.GotoAsync(path);
            await Expect(duty.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            await Expect(duty.GetByTestId("user-title")).ToBeVisibleAsync();
            await Expect(duty.GetByText(new Regex("^正在加载"))).ToHaveCountAsync(0);
            await PortalBrowser.ExpectNoHorizontalOverflowAsync(duty);
            await PortalBrowser.ExpectEveryFieldLabelledAsync(duty);
            await PortalBrowser.ScreenshotAsync(duty, $"33-{page}-{screen}");
        }
    }

    [Fact]
    public async Task The_browsers_own_icon_request_while_the_realm_asks_to_confirm_the_sign_out_does_not_sign_the_user_back_in()
    {
        var duty = await browser.OpenAsync();
        await PortalBrowser.SignInAsync(duty, "yangcheng.duty");
        await Expect(duty.GetByTestId("user-title")).ToHaveTextAsync("阳城县 · 值班员");

        // Between the portal's sign-out and the realm's, the realm's single sign-on is still live.
        // The browser's icon request made then must not open a new portal session behind the user's back.
        await PortalBrowser.StartSigningOutAsync(duty);
        await PortalBrowser.FetchTheIconAsync(duty);
        await PortalBrowser.ConfirmSigningOutAsync(duty);
        await PortalBrowser.ExpectThePasswordAsync(duty);
    }

    [Fact]
    public async Task A_city_warning_is_proposed_approved_signed_for_by_the_county_and_lifted_in_the_browser()
    {
        var title = $"勒索病毒传播风险预警 {Guid.NewGuid().ToString()[..6]}";
        var duty = await browser.OpenAsync();
        await PortalBrowser.SignInAsync(duty, "jincheng.duty");
        await PortalBrowser.MenuAsync(duty, "预警");
        await duty.GetByLabel("预警级别").SelectOptionAsync("III");
        await duty.GetByLabel("标题").FillAsync(title);
        await duty.GetByLabel("事件类别").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await duty.GetByLabel("态势描述").FillAsync("监测发现勒索病毒变种在政务网传播。");
        await duty.GetByLabel("影响范围").FillAsync("全市政务信息系统");
        await duty.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        var proposed = duty.GetByTestId("warning-row").Filter(new() { HasText = title });
        await Expect(proposed).ToContainTextAsync("待发布");
        // Only the plan's approvers issue: the duty officer is offered no approval.
        await Expect(proposed.GetByRole(AriaRole.Button, new() { Name = "批准发布" })).ToHaveCountAsync(0);

        var commander = await browser.OpenAsync();
        await PortalBrowser.SignInAsync(commander, "jincheng.commander");
        await PortalBrowser.MenuAsync(commander, "预警");
        var issued = commander.GetByTestId("warning-row").Filter(new() { HasText = title });
        await issued.GetByRole(AriaRole.Button, new() { Name = "批准发布" }).ClickAsync();
        await Expect(issued).ToContainTextAsync("生效中");

        var county = await browser.OpenAsync();
        await PortalBrowser.SignInAsync(county, "yangcheng.duty");
        await Expect(county.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await PortalBrowser.MenuAsync(county, "预警");
        var received = county.GetByTestId("warning-row").Filter(new() { HasText = title });
        await Expect(received).ToContainTextAsync("上级下发");
        await received.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await Expect(received.GetByRole(AriaRole.Button, new() { Name = "签收" })).ToHaveCountAsync(0);
        await PortalBrowser.ScreenshotAsync(county, "21-warning-received");

        await commander.ReloadAsync();
        await Expect(issued).ToContainTextAsync(new Regex(@"签收 [1-9]\d*/"));
        await issued.GetByRole(AriaRole.Button, new() { Name = "解除" }).ClickAsync();
        // Lifting asks why: without a reason the service's own message appears on the field and nothing changes.
        await issued.GetByRole(AriaRole.Button, new() { Name = "确认解除" }).ClickAsync();
        await Expect(issued.GetByRole(AriaRole.Alert)).ToHaveTextAsync("请填写解除理由");
        await Expect(issued).ToContainTextAsync("生效中");
        await issued.GetByLabel("解除理由").FillAsync("病毒样本已查杀，传播渠道已封堵");
        await issued.GetByRole(AriaRole.Button, new() { Name = "确认解除" }).ClickAsync();
        await Expect(issued).ToContainTextAsync("已解除");
        await PortalBrowser.ScreenshotAsync(commander, "22-warning-lifted");

        // After a reload the warning's own page still says why it was lifted, with its history and who signed for it.
        await issued.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await commander.ReloadAsync();
        await Expect(commander.GetByTestId("warning-state")).ToHaveTextAsync("已解除");
        await Expect(commander.GetByTestId("warning-ended")).ToContainTextAsync("理由：病毒样本已查杀，传播渠道已封堵");
        await Expect(commander.GetByTestId("warning-history")).ToContainTextAsync("解除预警：病毒样本已查杀，传播渠道已封堵");
        await Expect(commander.GetByTestId("receipts")).ToContainTextAsync("阳城县：yangcheng.duty 已签收");
        await PortalBrowser.ScreenshotAsync(commander, "23-warning-detail");
        // Outside the city's subtree the same address shows nothing of it.
        var stranger = await browser.OpenAsync();
        await PortalBrowser.SignInAsync(stranger, "xinzhou_edz.duty");
        await Expect(stranger.GetByTestId("user-title")).ToBeVisibleAsync();
        await stranger.GotoAsync(commander.Url);
        await Expect(stranger.GetByText("预警不存在，或不在本辖区可查看的范围内。")).ToBeVisibleAsync();
        await Expect(stranger.Locator("body")).Not.ToContainTextAsync(title);
        var warnings = new WarningDesk(fixture.Gateway);
        var listed = await warnings.SendAsync(HttpMethod.Get, WarningDesk.Base, "jincheng.commander");
        var id = listed.Body.EnumerateArray().Single(w => w.GetProperty("title").GetString() == title).GetProperty("id").GetString();
        var history = (await warnings.SendAsync(HttpMethod.Get, $"{WarningDesk.Base}/{id}", "jincheng.commander")).Body.GetProperty("history");
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("summary").GetString() == "解除预警：病毒样本已查杀，传播渠道已封堵");
    }

    [Fact]
    public async Task In_an_english_browser_the_report_form_still_takes_the_time_as_year_month_day_on_a_24_hour_china_clock()
    {
        var county = await browser.OpenAsync(locale: "en-US");
        await PortalBrowser.SignInAsync(county, "yangcheng.duty");
        await PortalBrowser.MenuAsync(county, "事件上报");

        // It opens at now in China, to the minute, in Chinese order, whatever the browser's language.
        var occurredAt = county.GetByLabel("事件发生时间");
        await Expect(occurredAt).ToHaveValueAsync(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"));
        var shown = DateTime.ParseExact(await occurredAt.InputValueAsync(), "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(shown, ShanghaiNow().AddMinutes(-2), ShanghaiNow().AddMinutes(1));

        // The picker speaks zh-CN: its buttons say 此刻 and 确定, and its hour column runs 00 to 23.
        await occurredAt.ClickAsync();
        var panel = county.Locator(".ant-picker-dropdown:not(.ant-picker-dropdown-hidden)");
        await Expect(panel.GetByText("此刻", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(panel.GetByText("确定", new() { Exact = true })).ToBeVisibleAsync();
        var hours = panel.Locator(".ant-picker-time-panel-column").First.Locator("li");
        await Expect(hours).ToHaveCountAsync(24);
        await Expect(hours.First).ToHaveTextAsync("00");
        await Expect(hours.Nth(8)).ToHaveTextAsync("08");
        await Expect(hours.Last).ToHaveTextAsync("23");
        // Minutes as the field shows them: 00 to 59.
        var minutes = panel.Locator(".ant-picker-time-panel-column").Nth(1).Locator("li");
        await Expect(minutes).ToHaveCountAsync(60);
        await Expect(minutes.Nth(5)).ToHaveTextAsync("05");
        await Expect(minutes.Nth(10)).ToHaveTextAsync("10");
        await PortalBrowser.ScreenshotAsync(county, "08-report-time-picker-english-browser");
        // A cell with its zero still sets its hour.
        await hours.Nth(8).ClickAsync();
        await panel.GetByText("确定", new() { Exact = true }).ClickAsync();
        await Expect(occurredAt).ToHaveValueAsync(new Regex(@"^\d{4}-\d{2}-\d{2} 08:\d{2}$"));
        // The next step types into the field; once, in a full run, a time typed while the picker was still
        // closing was not taken (the field stayed at 08:00). It starts once the picker has closed.
        await Expect(panel).ToHaveCountAsync(0);

        // A time typed in is China time: the incident occurred at that wall clock in Beijing.
        var typed = ShanghaiNow().AddMinutes(-20);
        var wallClock = typed.ToString("yyyy-MM-dd HH:mm");
        await PortalBrowser.PickAsync(occurredAt, wallClock);
        await county.GetByLabel("事件类别").SelectOptionAsync(new SelectOptionValue { Label = "数据安全事件" });
        await county.GetByLabel("事件级别").SelectOptionAsync("general");
        await county.GetByLabel("发生单位").FillAsync("县社保中心");
        await county.GetByLabel("报告人").FillAsync("李娜");
        await county.GetByLabel("事件描述").FillAsync("社保查询系统出现异常登录。");
        await county.GetByRole(AriaRole.Button, new() { Name = "提交上报" }).ClickAsync();
        await Expect(county.GetByTestId("incident-subtitle")).ToContainTextAsync($"发生于 {wallClock}");
        var id = county.Url[(county.Url.LastIndexOf('/') + 1)..];
        var incident = await Desk.GetAsync(id, "yangcheng.duty");
        Assert.Equal(new DateTimeOffset(typed.Year, typed.Month, typed.Day, typed.Hour, typed.Minute, 0, TimeSpan.FromHours(8)), IncidentDesk.At(incident, "occurredAt"));
    }

    private static DateTime ShanghaiNow() => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime;

    [Fact]
    public async Task The_analysts_summaries_page_shows_jincheng_and_its_children_with_totals_and_charts_and_exports_a_workbook()
    {
        // The tree's shape (not its figures, which other tests' events may still move) from the API.
        using var answer = await fixture.Gateway.GetAsync("api/summaries/overview", "shanxi.analyst");
        using var json = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var cities = json.RootElement.GetProperty("root").GetProperty("children").EnumerateArray().ToArray();
        var jincheng = cities.Single(c => c.GetProperty("code").GetString() == "jincheng");
        var children = jincheng.GetProperty("children").EnumerateArray()
            .Select(c => (Code: c.GetProperty("code").GetString()!, Leaf: c.GetProperty("children").GetArrayLength() == 0)).ToArray();
        Assert.Contains(children, c => c.Code == "yangcheng");

        var analyst = await browser.OpenAsync();
        await PortalBrowser.SignInAsync(analyst, "shanxi.analyst");
        await Expect(analyst.GetByTestId("user-title")).ToHaveTextAsync("山西省 · 分析员");
        await PortalBrowser.MenuAsync(analyst, "汇总");

        var tree = analyst.GetByTestId("summary-tree");
        await Expect(tree.GetByTestId("node-jincheng-subtree")).ToBeVisibleAsync();
        await Expect(tree.GetByTestId("node-jincheng-own")).ToContainTextAsync("晋城市");
        await Expect(analyst.GetByLabel("起始日期")).ToHaveValueAsync($"{ShanghaiNow().Year}-01-01");
        await Expect(analyst.GetByLabel("截止日期（含当日）")).ToHaveValueAsync(ShanghaiNow().ToString("yyyy-MM-dd"));
        foreach (var name in new[] { "阳城县", "城区" })
        {
            await Expect(tree).ToContainTextAsync(name);
        }
        // Jincheng's subtree total is its own count and its children's totals, as the page shows them.
        async Task<long> Total(string row) => long.Parse(await tree.GetByTestId(row).GetByTestId("total").InnerTextAsync());
        var childTotals = 0L;
        foreach (var (code, leaf) in children)
        {
            childTotals += await Total($"node-{code}-{(leaf ? "own" : "subtree")}");
        }
        Assert.Equal(await Total("node-jincheng-own") + childTotals, await Total("node-jincheng-subtree"));

        // The charts render as SVG with their titles, and their tables hold a row per bucket or jurisdiction.
        foreach (var (chart, title) in new[] { ("chart-grade", "按事件级别"), ("chart-category", "按事件类别"), ("chart-clocks", "时限执行情况") })
        {
            var figure = analyst.GetByTestId(chart);
            await Expect(figure.Locator("svg[role=img]")).ToBeVisibleAsync();
            await Expect(figure.Locator("svg > title")).ToContainTextAsync(title);
        }
        await Expect(analyst.GetByTestId("chart-clocks").Locator("tbody tr")).ToHaveCountAsync(cities.Length);
        await Expect(analyst.GetByTestId("chart-clocks").Locator("tbody")).ToContainTextAsync("晋城市");
        await Expect(analyst.GetByTestId("chart-grade").Locator("svg .axis-label").First).ToBeVisibleAsync();
        await PortalBrowser.ScreenshotAsync(analyst, "31-summaries");

        // Jincheng as the root, chosen and sent with the keyboard: only its subtree is listed.
        await analyst.GetByLabel("辖区", new() { Exact = true }).SelectOptionAsync("jincheng");
        await analyst.GetByRole(AriaRole.Button, new() { Name = "查询" }).FocusAsync();
        await analyst.Keyboard.PressAsync("Enter");
        await Expect(analyst.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToContainTextAsync("晋城市（含下级）");
        await Expect(tree.GetByTestId("node-yangcheng-own")).ToBeVisibleAsync();
        await Expect(tree).Not.ToContainTextAsync("忻州市");
        await Expect(analyst.GetByTestId("chart-clocks").Locator("tbody tr")).ToHaveCountAsync(children.Length);
        await PortalBrowser.ScreenshotAsync(analyst, "32-summaries-jincheng");
        await analyst.SetViewportSizeAsync(390, 844);
        await Expect(analyst.GetByTestId("chart-grade").Locator("svg[role=img]")).ToBeVisibleAsync();
        await PortalBrowser.ScreenshotAsync(analyst, "33-summaries-phone");
        await analyst.SetViewportSizeAsync(1366, 768);

        var download = await analyst.RunAndWaitForDownloadAsync(() => analyst.GetByRole(AriaRole.Link, new() { Name = "导出 XLSX" }).ClickAsync());
        var path = await download.PathAsync();
        var head = new byte[2];
        await using (var file = File.OpenRead(path))
        {
            await file.ReadExactlyAsync(head);
        }
        Assert.Equal("PK"u8.ToArray(), head);
    }

    [Fact]
    public async Task A_city_drill_is_planned_run_answered_by_the_county_and_evaluated_in_the_browser_under_a_drill_watermark()
    {
        var title = $"晋城市数据泄露应急演练 {Guid.NewGuid().ToString()[..6]}";
        var director = await browser.OpenAsync();
        await PortalBrowser.SignInAsync(director, "jincheng.director");
        await PortalBrowser.MenuAsync(director, "演练");
        await Expect(director.GetByTestId("drill-watermark")).ToBeVisibleAsync();
        await Expect(director.GetByTestId("compliance-row").Filter(new() { HasText = "阳城县" })).ToContainTextAsync("每年至少");
        await director.GetByRole(AriaRole.Link, new() { Name = "计划演练" }).ClickAsync();

        // Sent empty, the API's own messages appear on the fields, and nothing is planned.
        await director.GetByRole(AriaRole.Button, new() { Name = "提交演练计划" }).ClickAsync();
        await Expect(director.GetByTestId("field-error-title")).ToHaveTextAsync("请填写演练名称");
        await Expect(director.GetByTestId("field-error-kind")).ToHaveTextAsync("请选择演练形式");

        // The planned times default to now and two hours on, year-month-day on a 24-hour clock.
        await Expect(director.GetByLabel("计划开始时间")).ToHaveValueAsync(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"));
        await Expect(director.GetByLabel("计划结束时间")).ToHaveValueAsync(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"));
        await director.GetByLabel("演练名称").FillAsync(title);
        await director.GetByLabel("演练形式").SelectOptionAsync("functional");
        await director.GetByLabel("演练情景").FillAsync("社保查询系统遭异常批量导出，疑似个人信息泄露。");
        await director.GetByLabel("演练目标（每行一项）").FillAsync("检验事件报告时限\n检验市县两级协同处置");
        await director.GetByRole(AriaRole.Checkbox, new() { Name = "阳城县" }).CheckAsync();
        await director.GetByRole(AriaRole.Button, new() { Name = "添加情景注入" }).ClickAsync();
        var inject = director.GetByRole(AriaRole.Group, new() { Name = "情景注入 1", Exact = true });
        await inject.GetByLabel("注入对象").SelectOptionAsync(new SelectOptionValue { Label = "阳城县" });
        await inject.GetByLabel("注入标题").FillAsync("社保查询系统疑似数据泄露");
        await inject.GetByLabel("注入内容").FillAsync("监测发现社保查询系统存在大量异常导出。");
        await inject.GetByLabel("预期处置").FillAsync("核实情况，按预案研判定级并向上级报告");
        await inject.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("开设演练事件") }).CheckAsync();
        // The drill incident is filed under Yangcheng's own plan: its categories fill the list.
        await inject.GetByLabel("事件类别").SelectOptionAsync(new SelectOptionValue { Label = "数据安全事件" });
        await inject.GetByLabel("事件子类").SelectOptionAsync(new SelectOptionValue { Label = "数据泄露事件" });
        await inject.GetByLabel("事件级别").SelectOptionAsync("large");
        await inject.GetByLabel("事件描述").FillAsync("社保查询系统约两万条个人信息疑似泄露。");
        await PortalBrowser.ScreenshotAsync(director, "41-drill-plan");
        await director.GetByRole(AriaRole.Button, new() { Name = "提交演练计划" }).ClickAsync();

        await Expect(director.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);
        await Expect(director.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("【演练】");
        await Expect(director.GetByTestId("exercise-state")).ToHaveTextAsync("计划中");
        await Expect(director.GetByTestId("participants")).ToContainTextAsync("阳城县");
        await director.GetByRole(AriaRole.Button, new() { Name = "开始演练" }).ClickAsync();
        await Expect(director.GetByTestId("exercise-state")).ToHaveTextAsync("进行中");

        // The county, on a phone, finds the drill, sees the inject arrive and the drill incident it opened, and answers.
        var county = await browser.OpenAsync(width: 390, height: 844);
        await PortalBrowser.SignInAsync(county, "yangcheng.duty");
        await PortalBrowser.MenuAsync(county, "演练");
        await county.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(county.GetByTestId("drill-watermark")).ToBeVisibleAsync();
        await Expect(county.GetByTestId("inject-delivery")).ToContainTextAsync("已送达");
        var drillLink = county.GetByTestId("drill-incident-link");
        await Expect(drillLink).ToHaveTextAsync(new Regex(@"^阳城-演练-\d{4}-\d{4}$"));
        var number = await drillLink.InnerTextAsync();
        // The city watches the drill incident's report clock count down under Yangcheng's plan (较大: 30 minutes), named, not coded.
        await Expect(director.GetByTestId("drill-clock")).ToContainTextAsync("阳城县");
        await Expect(director.GetByTestId("drill-clock").GetByTestId("countdown")).ToContainTextAsync("剩余");
        await Expect(director.GetByTestId("exercise-history")).ToContainTextAsync($"演练事件 {number} 已在阳城县建立");
        await Expect(county.GetByRole(AriaRole.Button, new() { Name = "结束演练" })).ToHaveCountAsync(0);
        await county.GetByLabel("处置情况").FillAsync("已研判为较大事件，正在按预案向市指挥部报告。");
        await county.GetByRole(AriaRole.Button, new() { Name = "提交回应" }).ClickAsync();
        await Expect(county.GetByTestId("inject-response")).ToContainTextAsync("已研判为较大事件");
        await Expect(county.GetByTestId("inject-response")).ToContainTextAsync("用时");
        await PortalBrowser.ScreenshotAsync(county, "42-drill-inject-answered-phone");

        // The drill incident's own page says 演练 across the screen, and the watermark lets clicks through: 研判 works.
        await drillLink.ClickAsync();
        await Expect(county.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);
        await Expect(county.GetByTestId("drill-tag")).ToHaveTextAsync("【演练】");
        await Expect(county.GetByTestId("drill-watermark")).ToBeVisibleAsync();
        await county.GetByLabel("研判结论").SelectOptionAsync("confirmed");
        await county.GetByLabel("事件级别").SelectOptionAsync("large");
        await county.GetByRole(AriaRole.Button, new() { Name = "提交研判" }).ClickAsync();
        await Expect(county.GetByTestId("incident-state")).ToHaveTextAsync("已确认");
        await PortalBrowser.ScreenshotAsync(county, "43-drill-incident-watermark-phone");

        // The city sees the answer without a reload, ends the drill and evaluates it.
        await Expect(director.GetByTestId("inject-response")).ToContainTextAsync("已研判为较大事件");
        await director.GetByRole(AriaRole.Button, new() { Name = "结束演练" }).ClickAsync();
        await Expect(director.GetByTestId("exercise-state")).ToHaveTextAsync("已结束");
        await director.GetByRole(AriaRole.Button, new() { Name = "提交评估" }).ClickAsync();
        await Expect(director.GetByTestId("field-error-eval-summary")).ToContainTextAsync("请填写评估结论");
        await director.GetByLabel("评估结论").FillAsync("县级报告及时，市县协同顺畅。");
        await director.GetByRole(AriaRole.Button, new() { Name = "添加问题" }).ClickAsync();
        var finding = director.GetByRole(AriaRole.Group, new() { Name = "问题 1", Exact = true });
        await finding.GetByRole(AriaRole.Textbox, new() { Name = "问题" }).FillAsync("应急联络表未及时更新");
        await finding.GetByLabel("严重程度").SelectOptionAsync("moderate");
        await finding.GetByLabel("整改责任单位").SelectOptionAsync(new SelectOptionValue { Label = "阳城县" });
        await PortalBrowser.PickAsync(finding.GetByLabel("整改期限"), "2027-01-31");
        await finding.GetByLabel("预案章节").FillAsync("§8.5");
        await director.GetByRole(AriaRole.Button, new() { Name = "提交评估" }).ClickAsync();
        await Expect(director.GetByTestId("exercise-state")).ToHaveTextAsync("已评估");
        await Expect(director.GetByTestId("finding")).ToContainTextAsync("应急联络表未及时更新");
        await director.GetByRole(AriaRole.Button, new() { Name = "提请修订预案：应急联络表未及时更新" }).ClickAsync();
        await Expect(director.GetByTestId("revision-requested")).ToContainTextAsync("已提请阳城县修订预案");
        await PortalBrowser.ScreenshotAsync(director, "44-drill-evaluated");
        await new ExerciseDesk(fixture.Gateway).DiscardPlanDraftAsync("yangcheng");

        // The printable report, fetched with the director's token on the server, has the answer and the finding.
        var report = await director.Context.NewPageAsync();
        await report.GotoAsync((await director.GetByTestId("report-link").GetAttributeAsync("href"))!);
        await Expect(report.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("演练总结报告");
        await Expect(report.Locator("body")).ToContainTextAsync("已研判为较大事件");
        await Expect(report.Locator("body")).ToContainTextAsync("应急联络表未及时更新");
        await PortalBrowser.ScreenshotAsync(report, "45-drill-report");

        await PortalBrowser.MenuAsync(director, "演练");
        await Expect(director.GetByTestId("exercise-row").Filter(new() { HasText = title })).ToContainTextAsync("已评估");
        await Expect(director.GetByTestId("compliance-row").Filter(new() { HasText = "阳城县" })).ToContainTextAsync("已完成");
    }
}
