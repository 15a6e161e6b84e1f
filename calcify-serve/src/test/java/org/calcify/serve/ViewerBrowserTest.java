package org.calcify.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.calcify.io.VolumeIO;
import org.calcify.io.text.JsonFiles;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The reader's round trip in a real headless Chromium, offline: open the worklist, open a scan, see the label map drawn
 * over the scan in the artery's colour (pixels of a screenshot), set a lesion's class with a key, sign, and find the
 * reviewed label map and scores.json on disk. Skipped only where Debian's chromium and chromium-driver are not installed.
 * With {@code -Dcalcify.screenshots=DIR} the worklist and the viewer are saved there as PNG (docs/images).
 */
class ViewerBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    @TempDir
    static Path tmp;
    static Path cohort;
    static ReviewServer server;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        cohort = ReviewFixture.cohort(tmp, 3);
        server = ReviewServer.start(new ServeOptions(cohort, "127.0.0.1", 0, null, ServeOptions.DEFAULT_MAX_BODY_BYTES));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1400,900", "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        // the driver's path given: Selenium Manager never runs, nothing is downloaded
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    private static String body(String attribute) {
        return browser.findElement(By.tagName("body")).getDomAttribute("data-" + attribute);
    }

    private static void waitForBody(String attribute, String value) {
        waiting().until(d -> value.equals(body(attribute)) || "error".equals(body("ready")));
        assertThat(body(attribute)).as("data-" + attribute + " (message: " + browser.findElement(By.id("message")).getText() + ")")
                .isEqualTo(value);
    }

    /** How many pixels of the views are clearly of {@code rgb} (its dominant channels far above the others). */
    private static int pixelsOf(int rgb) throws Exception {
        WebElement canvas = browser.findElement(By.id("gl"));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(canvas.getScreenshotAs(OutputType.BYTES)));
        int want = rgb;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (sameHue(p, want)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** True when {@code p} has the colour's strong channels at least 60 above its weak ones, as the colour has. */
    private static boolean sameHue(int p, int c) {
        int[] pc = {(p >> 16) & 255, (p >> 8) & 255, p & 255};
        int[] cc = {(c >> 16) & 255, (c >> 8) & 255, c & 255};
        int strongMin = 255;
        int weakMax = 0;
        for (int i = 0; i < 3; i++) {
            if (cc[i] >= 150) {
                strongMin = Math.min(strongMin, pc[i]);
            } else {
                weakMax = Math.max(weakMax, pc[i]);
            }
        }
        return strongMin - weakMax >= 60;
    }

    private static void screenshot(String name) throws Exception {
        String dir = System.getProperty("calcify.screenshots");
        if (dir != null && !dir.isBlank()) {
            File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
            Files.createDirectories(Path.of(dir));
            Files.copy(shot.toPath(), Path.of(dir, name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void aReaderReclassifiesALesionAndSignsInTheBrowser() throws Exception {
        int lad = 0x3CB44B;
        int lcx = 0x4363D8;
        browser.get("http://127.0.0.1:" + server.port() + "/");
        waiting().until(d -> d.findElements(By.cssSelector("#worklist tbody tr")).size() == 3);
        assertThat(browser.findElement(By.cssSelector("#worklist tbody tr[data-scan='scan-1']")).getText()).contains("not reviewed");
        screenshot("review-worklist.png");

        browser.findElement(By.linkText("scan-1")).click();
        waitForBody("ready", "true");
        waitForBody("labels-version", "0");
        // the first lesion (LAD) is selected and shown: its overlay is drawn in the LAD colour
        waiting().until(d -> {
            try {
                return pixelsOf(lad) > 30;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(pixelsOf(lcx)).isLessThan(5);
        assertThat(body("selected")).isEqualTo("1");

        new Actions(browser).sendKeys("3").perform(); // 3: LCX
        waitForBody("version", "1");
        waitForBody("labels-version", "1");
        waiting().until(d -> {
            try {
                return pixelsOf(lcx) > 30;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(pixelsOf(lad)).isLessThan(5);
        String lcxScore = browser.findElement(By.cssSelector("#scores tr[data-artery='LCX'] td:nth-child(2)")).getText();
        assertThat(Double.parseDouble(lcxScore)).isPositive();
        assertThat(browser.findElement(By.cssSelector("#scores tr[data-artery='LAD'] td:nth-child(2)")).getText()).isEqualTo("0.0");

        screenshot("review-viewer.png");

        // a lesion the model missed: bring its slice into view, press a (add), click it in the axial view
        int[] missed = ReviewFixture.MISSED_ZYX;
        double[] lps = ReviewFixture.grid().indexToWorld(missed[2], missed[1], missed[0]);
        String ras = "[" + (-lps[0]) + "," + (-lps[1]) + "," + lps[2] + "]";
        Object at = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "nv.scene.crosshairPos = nv.mm2frac(" + ras + "); nv.drawScene();"
                        + "const p = nv.frac2canvasPosWithTile(nv.mm2frac(" + ras + "), niivue.SLICE_TYPE.AXIAL);"
                        + "return [p.pos[0] / window.devicePixelRatio, p.pos[1] / window.devicePixelRatio];");
        List<?> xy = (List<?>) at;
        WebElement canvas = browser.findElement(By.id("gl"));
        int dx = (int) Math.round(((Number) xy.get(0)).doubleValue() - canvas.getRect().getWidth() / 2.0);
        int dy = (int) Math.round(((Number) xy.get(1)).doubleValue() - canvas.getRect().getHeight() / 2.0);
        new Actions(browser).sendKeys("a").perform();
        new Actions(browser).moveToElement(canvas, dx, dy).click().perform();
        waitForBody("version", "2");
        assertThat(browser.findElements(By.cssSelector("#lesions tbody tr"))).hasSize(4);
        assertThat(browser.findElement(By.cssSelector("#lesions tbody tr[data-lesion='4']")).getDomAttribute("data-current")).isEqualTo("LM");
        assertThat(Double.parseDouble(browser.findElement(By.cssSelector("#scores tr[data-artery='LM'] td:nth-child(2)")).getText())).isPositive();

        browser.findElement(By.id("reader")).sendKeys("dr selenium");
        browser.findElement(By.id("sign")).click();
        waitForBody("status", "signed");

        Path folder = cohort.resolve("scan-1");
        Volume reviewed = VolumeIO.read(folder.resolve("labels-reviewed.nii.gz"));
        ReviewFixture.Block ladBlock = ReviewFixture.BLOCKS.get(0);
        assertThat(reviewed.value(ladBlock.z0(), ladBlock.y0(), ladBlock.x0())).isEqualTo(3.0); // LCX now
        assertThat(VolumeIO.read(folder.resolve("labels.nii.gz")).value(ladBlock.z0(), ladBlock.y0(), ladBlock.x0())).isEqualTo(2.0);
        assertThat(reviewed.value(missed[0], missed[1], missed[2])).isEqualTo(1.0); // the added lesion, LM
        assertThat(VolumeIO.read(folder.resolve("labels.nii.gz")).value(missed[0], missed[1], missed[2])).isZero();
        JsonNode scores = JsonFiles.readTree(folder.resolve("scores.json"));
        Map<String, Double> oracle = AgatstonOracle.agatston(tmp.resolve("scans").resolve("scan-1.nii.gz"), folder.resolve("labels-reviewed.nii.gz"));
        for (String art : List.of("LM", "LAD", "LCX", "RCA")) {
            assertThat(scores.path("arteries").path(art).path("agatston").asDouble()).as(art).isCloseTo(oracle.get(art), within(1e-3));
        }
        assertThat(scores.path("arteries").path("LCX").path("agatston").asDouble()).isCloseTo(Double.parseDouble(lcxScore), within(0.051));
        assertThat(scores.path("review").path("signed_by").asString()).isEqualTo("dr selenium");
    }
}
