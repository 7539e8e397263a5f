using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// Debian's Chromium driven by Playwright, headless, against the platform's gateway: each user gets a
/// browser context of their own (their own cookies), as if on their own machine. Screenshots go to
/// screenshots/ beside the test assembly, kept as the run's artifacts.
/// </summary>
public sealed class PortalBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly Uri gateway;

    private PortalBrowser(IPlaywright playwright, IBrowser browser, Uri gateway)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.gateway = gateway;
    }

    public static async Task<PortalBrowser> LaunchAsync(Uri gateway)
    {
        var playwright = await Playwright.CreateAsync();
        // The platform is slow to answer on a busy two-core machine; expectations wait, they never sleep.
        playwright.Selectors.SetTestIdAttribute("data-testid");
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--lang=zh-CN"],
        });
        Assertions.SetDefaultExpectTimeout(30_000);
        return new PortalBrowser(playwright, browser, gateway);
    }

    /// <summary>A fresh browser profile at a laptop's 1366×768 or a phone's width, in China time, in Chinese unless told otherwise.</summary>
    public async Task<IPage> OpenAsync(int width = 1366, int height = 768, string locale = "zh-CN")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.ToString(),
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens the portal and signs in on the identity service's login page, as a user types it.</summary>
    public static async Task SignInAsync(IPage page, string username, string password = RunningPlatform.DemoPassword)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await page.GetByLabel("用户名").FillAsync(username);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("登录") }).ClickAsync();
    }

    /// <summary>退出登录 and the realm's confirmation: the browser ends at the realm's password form.</summary>
    public static async Task SignOutAsync(IPage page)
    {
        await StartSigningOutAsync(page);
        await ConfirmSigningOutAsync(page);
    }

    /// <summary>退出登录 in the portal's header: the portal's session ends and the realm asks whether to end its own.</summary>
    public static async Task StartSigningOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("确定要退出烽火平台吗") })).ToBeVisibleAsync();
    }

    /// <summary>The realm's 退出 button: its single sign-on ends and the browser lands on its password form.</summary>
    public static async Task ConfirmSigningOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^退出 Sign out$") }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("用户名")).ToBeVisibleAsync();
    }

    /// <summary>
    /// 退出登录 and the realm's confirmation, then the portal again: it must be the realm's Chinese
    /// login page asking for a password, not the desk through a single sign-on that outlived the sign-out.
    /// </summary>
    public static async Task SignOutAndExpectThePasswordAsync(IPage page)
    {
        await SignOutAsync(page);
        await ExpectThePasswordAsync(page);
    }

    /// <summary>The portal's / answers with the realm's password form: nobody is signed in any more.</summary>
    public static async Task ExpectThePasswordAsync(IPage page)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("烽火应急平台") })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("用户名")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("密码")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("user-title")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// The request Chromium makes by itself for a page without an icon link, the realm's pages
    /// included: GET /favicon.ico with the browser's cookies, following redirects and keeping the
    /// cookies they set. Playwright does not see it, so it is made here the same way (headers as
    /// Chromium 156 sends them), at the moment a test chooses rather than whenever the browser does.
    /// </summary>
    public static async Task FetchTheIconAsync(IPage page)
    {
        var response = await page.Context.APIRequest.GetAsync(new Uri(new Uri(page.Url), "/favicon.ico").AbsoluteUri, new()
        {
            Headers = new Dictionary<string, string>
            {
                ["Accept"] = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
                ["Sec-Fetch-Site"] = "same-origin",
                ["Sec-Fetch-Mode"] = "no-cors",
                ["Sec-Fetch-Dest"] = "image",
                ["Referer"] = page.Url,
            },
        });
        await response.DisposeAsync();
    }

    /// <summary>Follows an entry of the header's main menu, opening it first on a phone, where it folds behind 菜单.</summary>
    public static async Task MenuAsync(IPage page, string entry)
    {
        await Assertions.Expect(page.GetByTestId("user-title")).ToBeVisibleAsync();
        var toggle = MenuToggle(page);
        if (await toggle.IsVisibleAsync() && await toggle.GetAttributeAsync("aria-expanded") != "true")
        {
            await toggle.ClickAsync();
        }
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }).ClickAsync();
    }

    public static ILocator Menu(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" });

    public static ILocator MenuToggle(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "菜单", Exact = true });

    /// <summary>Presses Tab (or Shift+Tab), as a keyboard user does, until the element has the focus; a page needing more than 30 presses fails.</summary>
    public static async Task TabToAsync(IPage page, ILocator target, string key = "Tab")
    {
        await Assertions.Expect(target).ToBeVisibleAsync();
        for (var presses = 0; presses < 30; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
            await page.Keyboard.PressAsync(key);
        }
        await Assertions.Expect(target).ToBeFocusedAsync();
    }

    /// <summary>The focused element shows a ring a sighted keyboard user can see.</summary>
    public static async Task ExpectFocusRingAsync(ILocator focused)
    {
        await Assertions.Expect(focused).ToBeFocusedAsync();
        var ring = await focused.EvaluateAsync<string[]>("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineColor, s.outlineWidth]; }");
        Assert.NotEqual("none", ring[0]);
        Assert.NotEqual("rgba(0, 0, 0, 0)", ring[1]);
        Assert.NotEqual("0px", ring[2]);
    }

    /// <summary>Nothing makes the page wider than the screen: no sideways scrolling of the whole page.</summary>
    public static async Task ExpectNoHorizontalOverflowAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The page is {widths[0]}px wide on a {widths[1]}px screen ({page.Url}).");
    }

    /// <summary>Every field a user can see has a label a screen reader reads out.</summary>
    public static async Task ExpectEveryFieldLabelledAsync(IPage page)
    {
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(e => e.getClientRects().length > 0)
                .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                .map(e => e.id || e.name || e.outerHTML.slice(0, 80))
            """);
        Assert.True(unlabelled.Length == 0, $"Fields without a label on {page.Url}: {string.Join(", ", unlabelled)}");
    }

    /// <summary>Types a date (yyyy-MM-dd) or date and time (yyyy-MM-dd HH:mm) into an AntDesign picker and confirms it with Enter, as a keyboard user does.</summary>
    public static async Task PickAsync(ILocator picker, string value)
    {
        await picker.FillAsync(value);
        await picker.PressAsync("Enter");
        await Assertions.Expect(picker).ToHaveValueAsync(value);
    }

    public static Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
    }
}
