package io.fxrates.server.ui;

import java.time.Duration;
import java.util.List;

import io.fxrates.server.support.TestDatabase;
import io.fxrates.server.support.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages in a real headless Chromium over the real server and PostgreSQL (sample ECB data,
 * today 2025-05-12): what a person sees and does, with the API's figures.
 */
class UiBrowserTest {

    private static TestServer server;
    private static UiBrowser browser;
    private static WebDriver driver;

    @BeforeAll
    static void start() {
        browser = UiBrowser.start();
        driver = browser.driver();
        server = TestServer.sample();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static void open(String path) {
        driver.get(server.uri(path).toString());
    }

    private static String text(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css))).getText();
    }

    /**
     * Whether {@code element}'s document has been replaced. Chromium reports an element of a
     * replaced document as stale or, at times, as a node that "does not belong to the document".
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Clicks {@code css} (a submit button or a link) and waits until the next page has replaced this one. */
    private static void follow(String css) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.cssSelector(css)).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.until(d -> gone(page));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.site")));
    }

    @Test
    void homeShowsTheLatestRatesForTheChosenBaseWithTheirDateAndProvenance() {
        driver.manage().window().setSize(new Dimension(1280, 900));
        open("/");
        assertEquals("Exchange rates for 1 EUR", text("h1"));
        assertEquals("1.1252", text("#rate-USD td.num"));
        new Select(driver.findElement(By.id("base"))).selectByValue("USD");
        follow("form.inline button[type=submit]");
        assertTrue(driver.getCurrentUrl().endsWith("/?base=USD"), driver.getCurrentUrl());
        assertEquals("Exchange rates for 1 USD", text("h1"));
        assertEquals("145.183", text("#rate-JPY td.num"));
        assertEquals("0.753377", text("#rate-GBP td.num"));
        assertEquals("0.888731", text("#rate-EUR td.num"));
        String provenance = text("#provenance");
        assertTrue(provenance.startsWith("Rates of 2025-05-09 from ECB, fetched "), provenance);
        assertTrue(provenance.endsWith("UTC."), provenance);
        assertEquals("USD", new Select(driver.findElement(By.id("base"))).getFirstSelectedOption().getAttribute("value"));
        assertFalse(driver.findElements(By.id("rate-RUB")).size() > 0, "RUB was no longer quoted in 2025");
    }

    @Test
    void aPersonConvertsAnAmountAndSeesTheApisDigits() {
        driver.manage().window().setSize(new Dimension(1280, 900));
        open("/convert");
        WebElement amount = driver.findElement(By.id("amount"));
        amount.clear();
        amount.sendKeys("100");
        new Select(driver.findElement(By.id("from"))).selectByValue("USD");
        new Select(driver.findElement(By.id("to"))).selectByValue("JPY");
        follow("main form button[type=submit]");
        assertTrue(driver.getCurrentUrl().contains("amount=100"), driver.getCurrentUrl());
        assertEquals("100 USD = 14,518.3 JPY", text("#result .big"));
        assertEquals("14518.3", driver.findElement(By.cssSelector("#result-converted data")).getAttribute("value"));
        assertTrue(text("#result-rate").startsWith("1 USD = 145.183 JPY"), text("#result-rate"));
        assertEquals("2025-05-09", text("#result-date"));
        assertEquals("100", driver.findElement(By.id("amount")).getAttribute("value"), "the form keeps what was typed");

        // the converter on the home page leads to the same answer
        open("/?base=USD");
        WebElement homeAmount = driver.findElement(By.id("home-amount"));
        homeAmount.clear();
        homeAmount.sendKeys("100");
        new Select(driver.findElement(By.id("home-to"))).selectByValue("JPY");
        follow("#converter-heading + form button");
        assertTrue(driver.getCurrentUrl().contains("/convert?"), driver.getCurrentUrl() + " " + text("h1"));
        assertEquals("100 USD = 14,518.3 JPY", text("#result .big"));
    }

    @Test
    void aConversionOnAClosingDayUsesTheLastRatesBeforeIt() {
        open("/convert?from=EUR&to=USD&amount=10&date=2024-03-31");
        assertEquals("10 EUR = 10.811 USD", text("#result .big"));
        assertTrue(text("#fallback").contains("There are no rates for 2024-03-31; the rates of 2024-03-28"), text("#fallback"));
    }

    @Test
    void historyDrawsThePairAsAnSvgChartAndTheRangeSelectorChangesIt() {
        driver.manage().window().setSize(new Dimension(1280, 900));
        open("/history?base=EUR&quote=USD&range=max");
        WebElement series = driver.findElement(By.cssSelector("svg#chart polyline#series"));
        String[] points = series.getAttribute("points").trim().split("\\s+");
        assertTrue(points.length >= 5, series.getAttribute("points"));
        String title = driver.findElement(By.cssSelector("svg#chart title")).getAttribute("textContent");
        assertTrue(title.startsWith("EUR to USD, 2008-12-"), title);
        assertTrue(title.endsWith(" to 2025-05-09"), title);
        assertTrue(text("#label-max").startsWith("max "), text("#label-max"));
        assertEquals("2025-05-09", text("#label-last"));
        assertTrue(series.getSize().getWidth() > 300, "the line is drawn across the chart: " + series.getSize());

        new Select(driver.findElement(By.id("range"))).selectByValue("1m");
        follow("main form button[type=submit]");
        assertTrue(driver.getCurrentUrl().contains("range=1m"), driver.getCurrentUrl());
        String oneMonth = driver.findElement(By.id("series")).getAttribute("points").trim();
        assertEquals(2, oneMonth.split("\\s+").length, "2025-05-08 and 2025-05-09: " + oneMonth);
        assertEquals("max 1.1297", text("#label-max"));
        assertEquals("min 1.1252", text("#label-min"));
        assertEquals("2025-05-08", text("#label-first"));
        assertEquals("2025-05-09", text("#label-last"));

        follow(".ranges a[href$='range=max']");
        assertTrue(driver.getCurrentUrl().contains("range=max"), driver.getCurrentUrl());
    }

    @Test
    void theCurrencyListShowsNamesAndFirstAndLastDates() {
        open("/currencies");
        List<WebElement> usd = driver.findElements(By.cssSelector("#currency-USD td"));
        assertEquals("US Dollar", usd.get(0).getText());
        assertEquals("2008-12-08", usd.get(2).getText());
        assertEquals("2025-05-09", usd.get(3).getText());
        assertEquals("quoted", usd.get(4).getText());
        List<WebElement> rub = driver.findElements(By.cssSelector("#currency-RUB td"));
        assertEquals("no longer quoted", rub.get(4).getText());
        follow("#currency-USD th a");
        assertTrue(driver.getCurrentUrl().contains("/history?base=EUR&quote=USD&range=max"), driver.getCurrentUrl());
    }

    @Test
    void badInputShowsAClearPageWithTheTextEscaped() {
        open("/?base=%3Cscript%3Ealert(1)%3C/script%3E");
        assertEquals("Invalid currency code", text("h1"));
        assertTrue(text("#problem-detail").contains("base='<script>alert(1)</script>' is not a currency code"),
                text("#problem-detail"));
        assertTrue(driver.findElements(By.cssSelector("main script")).isEmpty());
        open("/convert?from=USD&to=JPY&amount=12%2C5");
        assertEquals("Invalid amount", text("h1"));
        open("/no/such/page");
        assertEquals("Page not found", text("h1"));
    }

    @Test
    void onAPhoneThePageFitsAndTheControlsAreLargeEnoughToTap() {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            open("/convert?from=USD&to=JPY&amount=100");
            WebElement button = driver.findElement(By.cssSelector("main form button[type=submit]"));
            assertTrue(button.getSize().getHeight() >= 44, "button " + button.getSize());
            assertTrue(driver.findElement(By.id("amount")).getSize().getHeight() >= 44);
            for (WebElement link : driver.findElements(By.cssSelector("header nav a"))) {
                assertTrue(link.getSize().getHeight() >= 44, link.getText() + " " + link.getSize());
            }
            int viewport = driver.manage().window().getSize().getWidth();
            WebElement main = driver.findElement(By.id("main"));
            assertTrue(main.getSize().getWidth() <= viewport, "main " + main.getSize() + " in a window " + viewport + " wide");
            assertTrue(button.getSize().getWidth() <= viewport);
            assertEquals("44px", button.getCssValue("min-height"), "the stylesheet is loaded (the CSP allows it)");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void anEmptyDatabaseShowsHowToLoadTheRates() {
        TestDatabase.createDatabase("ui_no_rates");
        try (TestServer empty = TestServer.start(TestDatabase.url("ui_no_rates"), java.util.Map.of())) {
            driver.get(empty.uri("/").toString());
            assertEquals("No rates loaded yet", text("h1"));
            String page = text("#no-rates");
            assertTrue(page.contains("./scripts/update-local history"), page);
            assertTrue(page.contains("scheduled updater"), page);
            assertTrue(page.contains("AWS"), page);
            assertEquals(503, empty.get("/").statusCode());
            assertTrue(empty.get("/history").body().contains("./scripts/update-local history"));
        }
    }

    @Test
    void theFooterLinksToTheApiReferenceWhichRedocRendersFromTheServedDocument() {
        driver.manage().window().setSize(new Dimension(1280, 900));
        open("/");
        driver.findElement(By.cssSelector("#api-docs")).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.urlMatches("/docs$"));
        // Redoc draws one section per operation, titled by its summary, once it has fetched /openapi.
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains("The newest rates"));
        String page = driver.findElement(By.tagName("body")).getText();
        assertTrue(page.contains("fxrates"), "the document's title is shown");
        assertTrue(page.contains("/v1/convert"), "every path is listed");
        assertFalse(page.contains("Something went wrong"), "Redoc reports no error");
    }
}
