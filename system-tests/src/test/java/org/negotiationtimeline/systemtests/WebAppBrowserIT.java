package org.negotiationtimeline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.systemtests.Development.development;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in a real browser: Debian's headless chromium, driven through its chromedriver,
 * against both packaged services with the bundled Ukraine dataset (as {@code ./run} starts them).
 * Each page is checked for what a reader must see, and photographed into {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAppBrowserIT {

    private static final String UKRAINE = "ukraine-peace-2025";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TimelineSystem system;
    private ChromeDriver browser;
    private WebDriverWait waiting;
    private Path profile;
    private String site;

    @BeforeAll
    void start() throws IOException {
        // Like the container tests without an engine: skipped where Debian's chromium is not
        // installed (.ci/run installs it, and fails if these tests were skipped there).
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium"))
                        && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        system = TimelineSystem.withUkraineDataset(getClass().getSimpleName());
        site = "http://127.0.0.1:" + system.projectionService().port();

        profile = Files.createTempDirectory("webapp-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        waiting = new WebDriverWait(browser, WAIT);
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (system != null) {
                system.close();
            }
            if (profile != null) {
                try (var files = Files.walk(profile)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    void the_timeline_renders_fast_and_filters_by_type_and_actor_in_the_url() {
        long started = System.nanoTime();
        browser.get(site + "/n/" + UKRAINE);
        waiting.until(d -> items().size() >= 59);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[webapp] Ukraine timeline: 59 developments shown " + millis + " ms after navigation");
        assertThat(millis).as("first render of the Ukraine timeline, ms").isLessThan(3000);
        assertThat(text("main")).contains("November 2025", "In November 2025", "1 Nov 2025 – 6 Jan 2026");
        assertThat(browser.findElements(By.cssSelector(".quote.verbatim figcaption"))).isNotEmpty();
        screenshot("timeline");

        browser.findElement(By.cssSelector("input[name=type][value=MEETING]")).click();
        waiting.until(ExpectedConditions.urlContains("type=MEETING"));
        waiting.until(d -> !items().isEmpty() && items().size() < 59
                && items().stream().allMatch(i -> i.findElement(By.cssSelector(".badge-type")).getText().equals("meeting")));
        int meetings = items().size();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-actor"))).selectByValue("macron");
        waiting.until(ExpectedConditions.urlContains("actor=macron"));
        waiting.until(d -> !items().isEmpty() && items().size() <= meetings
                && items().stream().allMatch(i -> i.getText().contains("Emmanuel Macron")));
        screenshot("timeline-filtered");

        // The filter is the address: opening it anew shows the same selection.
        browser.navigate().refresh();
        waiting.until(d -> !items().isEmpty() && browser.findElement(By.cssSelector("input[name=type][value=MEETING]")).isSelected());
        assertThat(items()).allSatisfy(i -> assertThat(i.getText()).contains("Emmanuel Macron"));
    }

    @Test
    void a_development_posted_through_the_api_appears_live_and_a_correction_updates_it_in_place() {
        browser.get(site + "/n/" + UKRAINE);
        waiting.until(d -> items().size() >= 59);
        waiting.until(ExpectedConditions.textToBe(By.cssSelector(".live-status"), "Live updates: on"));
        WebElement first = items().get(0);
        int firstTop = first.getLocation().getY();

        TimelineSystem.Recorded recorded = system.record(development().meeting().in(UKRAINE)
                .occurred("2026-01-08").described("late on Thursday").titled("Advisers meet in Kyiv after Paris")
                .with("umerov").reportedBy("RFE/RL"));
        By card = By.cssSelector("li[data-event-id='" + recorded.eventId() + "'] article");
        WebElement live = waiting.until(ExpectedConditions.presenceOfElementLocated(card));
        assertThat(live.getText()).contains("Advisers meet in Kyiv after Paris", "late on Thursday", "8 Jan 2026");
        assertThat(text(".notices")).contains("New: Advisers meet in Kyiv after Paris");
        assertThat(first.getLocation().getY()).as("the first development's place after a live arrival (no layout jump)")
                .isEqualTo(firstTop);

        system.write("/api/events/" + recorded.eventId() + "/corrections",
                "{\"set\":{\"title\":\"Advisers meet in Kyiv after the Paris summit\"},\"reason\":\"the first report named the wrong city\","
                        + "\"sources\":[{\"outlet\":\"RFE/RL\"}]}");
        waiting.until(d -> d.findElement(card).getText().contains("Corrected just now"));
        assertThat(browser.findElement(card).getText()).contains("Advisers meet in Kyiv after the Paris summit", "corrected");
        assertThat(first.getLocation().getY()).isEqualTo(firstTop);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.findElement(card));
        screenshot("timeline-live");
    }

    /**
     * With {@code projection.read-token} set, every read needs the token, the stream included: the
     * reader gives it once, the timeline loads, and a development posted through the API still
     * arrives live (the stream is read with fetch and the Authorization header, never a token in
     * a URL).
     */
    @Test
    void with_a_read_token_the_reader_gives_it_once_and_the_timeline_still_updates_live() throws Exception {
        String readToken = "read-token-" + java.util.UUID.randomUUID();
        String nid = "guarded-talks";
        try (TimelineSystem guarded = TimelineSystem.start("WebAppBrowserIT-read-token",
                withProjectionArgument("--projection.read-token=" + readToken))) {
            String guardedSite = "http://127.0.0.1:" + guarded.projectionService().port();
            guarded.startNegotiation(nid, "Guarded talks");
            guarded.registerActor(nid, "umerov", "Umerov", "PERSON");
            guarded.record(development().meeting().in(nid).occurred("2026-01-05").titled("Planners meet").with("umerov")
                    .reportedBy("RFE/RL"));
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.util.function.IntSupplier timelineStatus = () -> status(http, guardedSite + "/api/negotiations/" + nid + "/timeline", readToken);
            guarded.eventually().alias("the guarded negotiation projected").until(timelineStatus::getAsInt, s -> s == 200);
            assertThat(status(http, guardedSite + "/api/stream?negotiation=" + nid, null)).as("the stream without the token")
                    .isEqualTo(401);

            browser.get(guardedSite + "/n/" + nid);
            WebElement tokenField = waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("read-token")));
            tokenField.sendKeys(readToken, Keys.ENTER);
            waiting.until(d -> items().size() == 1);
            waiting.until(ExpectedConditions.textToBe(By.cssSelector(".live-status"), "Live updates: on"));

            TimelineSystem.Recorded recorded = guarded.record(development().meeting().in(nid).occurred("2026-01-06")
                    .titled("Leaders meet in Paris").with("umerov").reportedBy("RFE/RL"));
            By card = By.cssSelector("li[data-event-id='" + recorded.eventId() + "'] article");
            assertThat(waiting.until(ExpectedConditions.presenceOfElementLocated(card)).getText()).contains("Leaders meet in Paris");
            // The open stream is not listed until it ends: the page's address and every finished request.
            Object urls = ((JavascriptExecutor) browser).executeScript(
                    "return performance.getEntriesByType('resource').map(e => e.name).join(' ') + ' ' + location.href");
            assertThat(String.valueOf(urls)).as("no address holds the token").contains("/api/negotiations/" + nid + "/timeline")
                    .doesNotContain(readToken);
        }
    }

    private static int status(java.net.http.HttpClient http, String url, String token) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            // The stream answers 200 and stays open: only the status line is read.
            java.net.http.HttpResponse<java.io.InputStream> response = http.send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Storage withProjectionArgument(String argument) {
        Storage h2 = Storage.h2();
        return new Storage() {
            @Override
            public List<String> timelineArguments() {
                return h2.timelineArguments();
            }

            @Override
            public List<String> projectionArguments() {
                return List.of(argument);
            }

            @Override
            public void close() {
                h2.close();
            }
        };
    }

    @Test
    void scrubbing_the_state_date_from_the_first_of_december_to_the_seventh_of_january_changes_the_documents() {
        browser.get(site + "/n/" + UKRAINE + "/state?at=2025-12-01");
        waiting.until(d -> "2025-12-01".equals(d.findElement(By.cssSelector(".state-body")).getDomAttribute("data-at")));
        assertThat(documents()).contains("us-28-point-plan").doesNotContain("paris-draft-joint-statement");
        screenshot("state-2025-12-01");

        WebElement scrub = browser.findElement(By.id("at-scrub"));
        for (int day = 0; day < 37; day++) {
            scrub.sendKeys(Keys.ARROW_RIGHT);
        }
        waiting.until(ExpectedConditions.urlContains("at=2026-01-07"));
        waiting.until(d -> "2026-01-07".equals(d.findElement(By.cssSelector(".state-body")).getDomAttribute("data-at")));
        assertThat(documents()).contains("us-28-point-plan", "20-point-framework", "paris-draft-joint-statement");
        assertThat(text("[data-document='20-point-framework']")).contains("Reported only");
        // The dataset's inferences are marked, each with its note: the 20-point text's provisions are
        // named by us from what the articles call aspects or details, and DISPUTED is our reading.
        List<WebElement> inferences = browser.findElements(By.cssSelector("[data-document='20-point-framework'] .inference"));
        assertThat(inferences).hasSize(6).allSatisfy(marker -> assertThat(marker.getText()).startsWith("our inference: "));
        assertThat(text("[data-document='20-point-framework']")).contains("DISPUTED is our reading of that");
        assertThat(browser.findElements(By.cssSelector("[data-document='paris-draft-joint-statement'] .inference"))).hasSize(1);

        WebElement force = browser.findElement(By.cssSelector("[data-subject='reassurance-force.troops']"));
        List<String> values = force.findElements(By.cssSelector(".claim-value .value")).stream().map(WebElement::getText).toList();
        assertThat(values).containsExactlyInAnyOrder("15,000–30,000", "15,000–20,000");
        assertThat(force.getText()).contains("2 claims from different sources", "RFE/RL", "via RFE/RL");
        screenshot("state-2026-01-07");

        // The state is a permalink: the address alone gives the same answer.
        browser.get(browser.getCurrentUrl());
        waiting.until(d -> "2026-01-07".equals(d.findElement(By.cssSelector(".state-body")).getDomAttribute("data-at")));
        assertThat(documents()).contains("paris-draft-joint-statement");
    }

    @Test
    void the_redline_steps_from_the_28_point_plan_to_the_20_point_framework_to_the_paris_draft() {
        browser.get(site + "/d/paris-draft-joint-statement?n=" + UKRAINE);
        List<WebElement> steps = waiting.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("a.step"));
            return found.size() == 2 ? found : null;
        });
        assertThat(steps.get(0).getDomAttribute("data-from")).isEqualTo("us-28-point-plan@1");
        assertThat(steps.get(0).getDomAttribute("data-to")).isEqualTo("20-point-framework@1");
        assertThat(steps.get(1).getDomAttribute("data-to")).isEqualTo("paris-draft-joint-statement@1");

        steps.get(0).click();
        waiting.until(d -> "us-28-point-plan@1>20-point-framework@1".equals(
                d.findElement(By.cssSelector(".redline-body")).getDomAttribute("data-pair")));
        assertThat(text(".redline-body")).contains("known only by its gist (reported only)");
        assertThat(changes()).hasSize(5).containsOnly("added");
        screenshot("redline-28-to-20");

        browser.findElements(By.cssSelector("a.step")).get(1).click();
        waiting.until(d -> "20-point-framework@1>paris-draft-joint-statement@1".equals(
                d.findElement(By.cssSelector(".redline-body")).getDomAttribute("data-pair")));
        assertThat(changes()).filteredOn("added"::equals).hasSize(5);
        assertThat(changes()).filteredOn("removed"::equals).hasSize(5);
        assertThat(text(".redline-body")).contains("binding commitments", "ceasefire monitoring");
        screenshot("redline-20-to-paris");

        browser.findElement(By.cssSelector(".redline a.provision")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".provision-history"), "Appearances"));
        assertThat(text(".provision-history")).contains("Lineage");
    }

    @Test
    void the_record_form_shows_a_field_error_next_to_its_field_then_records_the_development() {
        browser.get(site + "/record?n=" + UKRAINE);
        WebElement token = waiting.until(ExpectedConditions.elementToBeClickable(By.id("write-token")));
        token.sendKeys(system.writeToken());
        token.submit();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("form.token [role=status]"), "A write token is set"));

        WebElement development = browser.findElements(By.cssSelector("form.record")).get(0);
        development.findElement(By.cssSelector("[data-field='title']")).sendKeys("Security advisers meet again in Kyiv");
        WebElement date = development.findElement(By.cssSelector("[data-field='occurred.value']"));
        date.sendKeys("2026-02-30");
        assertThat(development.findElement(By.cssSelector(".edtf-preview")).getText()).contains("not a date");
        development.findElement(By.cssSelector("[data-field='actors[0].id']")).sendKeys("umerov");
        development.findElement(By.cssSelector("[data-field='sources[0].outlet']")).sendKeys("AFP");
        development.findElement(By.cssSelector("button[type=submit]")).click();

        // The server's 400 names occurred.value: its message is shown under that field.
        waiting.until(d -> "true".equals(date.getDomAttribute("aria-invalid")));
        String errorsId = date.getDomAttribute("aria-describedby");
        assertThat(browser.findElement(By.id(errorsId)).getText()).isNotBlank();
        assertThat(development.getText()).contains("Nothing was stored.");
        screenshot("record-field-error");

        date.clear();
        date.sendKeys("2026-01-09");
        waiting.until(ExpectedConditions.textToBePresentInElement(development.findElement(By.cssSelector(".edtf-preview")), "earliest 2026-01-09 00:00"));
        development.findElement(By.cssSelector("button[type=submit]")).click();
        waiting.until(ExpectedConditions.textToBePresentInElement(development, "See it on the timeline"));
        assertThat(date.getDomAttribute("aria-invalid")).isNull();
        system.eventually().alias("the recorded development in the timeline").until(
                () -> system.timelineOf(UKRAINE).stream().map(item -> item.path("title").asText()).toList(),
                titles -> titles.contains("Security advisers meet again in Kyiv"));
    }

    @Test
    void the_timeline_filters_work_from_the_keyboard_alone() {
        browser.get(site + "/n/" + UKRAINE);
        waiting.until(d -> items().size() >= 56);
        // The page puts the focus on <main> once drawn (the skip link is the first stop before that).
        WebElement meeting = browser.findElement(By.cssSelector("input[name=type][value=MEETING]"));
        for (int i = 0; i < 40 && !meeting.equals(browser.switchTo().activeElement()); i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(browser.switchTo().activeElement()).as("the MEETING filter reached by Tab").isEqualTo(meeting);
        assertThat(((JavascriptExecutor) browser).executeScript("return getComputedStyle(document.activeElement).outlineStyle"))
                .as("a visible focus ring").isEqualTo("solid");
        meeting.sendKeys(Keys.SPACE);
        waiting.until(ExpectedConditions.urlContains("type=MEETING"));
        waiting.until(d -> !items().isEmpty() && items().size() < 56);
    }

    @Test
    void the_pages_fit_a_360_pixel_wide_screen() {
        // A phone's viewport (headless windows have a minimum width above 360).
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 360, "height", 800, "deviceScaleFactor", 1, "mobile", true));
        try {
            for (String page : List.of("/", "/n/" + UKRAINE, "/n/" + UKRAINE + "/state?at=2026-01-07",
                    "/d/paris-draft-joint-statement?n=" + UKRAINE, "/record")) {
                browser.get(site + page);
                waiting.until(d -> d.findElements(By.cssSelector("main .loading")).isEmpty()
                        && !d.findElements(By.cssSelector("main h1")).isEmpty());
                long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth");
                long width = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
                assertThat(viewport).isEqualTo(360);
                assertThat(width).as("page width of %s at 360 px", page).isLessThanOrEqualTo(360);
                // Missing fields (no summary, a version known only by its gist) leave no trace of a hole.
                assertThat(text("main")).as("text of %s", page)
                        .doesNotContainPattern("\\b(undefined|null|NaN)\\b").doesNotContain("[object Object]");
            }
            screenshot("state-360px");
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }

    private List<WebElement> items() {
        return browser.findElements(By.cssSelector("ol.timeline > li"));
    }

    private List<String> documents() {
        return browser.findElements(By.cssSelector(".docs [data-document]")).stream()
                .map(e -> e.getDomAttribute("data-document")).toList();
    }

    private List<String> changes() {
        return browser.findElements(By.cssSelector(".redline tbody td.change")).stream().map(WebElement::getText).toList();
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private void screenshot(String name) {
        Path dir = Path.of(System.getProperty("system-tests.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
