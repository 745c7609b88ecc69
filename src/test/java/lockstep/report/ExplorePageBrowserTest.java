package lockstep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lockstep.data.Datasets;
import lockstep.explore.Explore;
import lockstep.explore.ExploreGrid;
import lockstep.explore.ExploreResult;
import lockstep.spec.ActivationType;
import lockstep.spec.LayerSpec;
import lockstep.spec.LossType;
import lockstep.spec.NetworkSpec;
import lockstep.spec.RunSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explore page in a real browser (Debian's chromium, driven through chromedriver by Selenium): every control
 * is moved as a person moves it (keys on the sliders, clicks on the checkbox and the axis switch), and after each
 * move the readouts and the drawn curves must be the values of the data for the selected cell: steps per epoch =
 * ceil(N/B), the early-stopping epochs, as many points as the cell has losses, the last point where the scale puts
 * its value. A cell that diverged must show the note and the band at the step the data names.
 */
class ExplorePageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern POINT = Pattern.compile("[ML](-?[0-9.]+),(-?[0-9.]+)");

    @TempDir
    static Path dir;

    private static ChromeDriver browser;
    private static JsonNode data;

    /** A linear network with MSE on Iris: lr 1 at B = 4 overflows in the first epoch, lr 0.01 trains. */
    @BeforeAll
    static void writeAndOpenThePage() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the explore page's browser test needs Debian's chromium and chromedriver:"
                        + " apt-get install -y chromium chromium-driver (.ci/run installs them)");
        RunSpec iris = RunSpec.irisDefault();
        RunSpec spec = iris.withNetwork(new NetworkSpec(List.of(new LayerSpec(4, 16, ActivationType.IDENTITY),
                new LayerSpec(16, 3, ActivationType.IDENTITY)), LossType.MSE, iris.network().weightInit(), iris.network().updater()));
        ExploreGrid grid = new ExploreGrid(List.of(0.01, 1.0), List.of(4, 120), 3, 2, 0.0, 1);
        ExploreResult result = Explore.run(spec, Datasets.load(spec.data()), grid, (done, total, c) -> { });
        Path page = dir.resolve("page");
        ExplorePage.write(page, result);
        data = JsonText.parse(Files.readString(page.resolve(ExplorePage.DATA_FILE)));

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());   // no Selenium Manager download
        // Selenium's DevTools support need not match this chromium's version: nothing here uses it, so not its warning
        java.util.logging.Logger.getLogger("org.openqa.selenium.devtools").setLevel(java.util.logging.Level.OFF);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--window-size=1200,1000");
        browser = new ChromeDriver(service, options);
        browser.get(page.resolve("index.html").toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> "1".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyControlRedrawsTheSelectedCellFromTheData() {
        int n = data.get("trainingExamples").asInt();
        int epochs = data.get("epochs").asInt();
        for (int l = 0; l < data.get("learningRates").size(); l++) {
            slide("lr", l);
            for (int b = 0; b < data.get("batchSizes").size(); b++) {
                slide("batch", b);
                for (boolean shuffle : new boolean[] {true, false}) {
                    WebElement box = browser.findElement(By.id("shuffle"));
                    if (box.isSelected() != shuffle) {
                        box.click();
                    }
                    for (String axis : new String[] {"epochs", "steps"}) {
                        browser.findElement(By.id("x-" + axis)).click();
                        JsonNode cell = cell(data.get("learningRates").get(l).asDouble(), data.get("batchSizes").get(b).asInt(), shuffle);
                        String where = cell.get("learningRate") + "/" + cell.get("batchSize") + "/" + shuffle + "/" + axis;
                        int batch = cell.get("batchSize").asInt();
                        int spe = (n + batch - 1) / batch;
                        assertEquals(cell.get("learningRate").asDouble(), Double.parseDouble(text("lr-value")), where);
                        assertTrue(text("batch-value").startsWith(String.valueOf(batch)), where);
                        assertEquals(spe, cell.get("stepsPerEpoch").asInt(), where);
                        assertEquals(String.valueOf(spe), text("steps-per-epoch"), where);
                        assertEquals("ceil(N / B) = ceil(" + n + " / " + batch + ")", text("steps-formula"), where);
                        assertEquals(String.valueOf(epochs * spe), text("total-steps"), where);
                        assertEquals(cell.at("/engine/earlyStopping/bestEpoch").asText(), text("best-engine"), where);
                        assertEquals(cell.at("/dl4j/earlyStopping/bestEpoch").asText(), text("best-dl4j"), where);
                        WebElement svg = browser.findElement(By.id("chart"));
                        assertEquals(axis, svg.getDomAttribute("data-xmode"), where);
                        boolean steps = axis.equals("steps");
                        for (String side : new String[] {"engine", "dl4j"}) {
                            JsonNode train = cell.get(side).get(steps ? "stepLoss" : "epochLoss");
                            assertEquals(steps ? epochs * spe : epochs, train.size(), where);
                            assertCurve(svg, side + "-train", train, i -> i + 1, where);
                            assertCurve(svg, side + "-validation", cell.get(side).get("validationLoss"),
                                    steps ? i -> (i + 1) * spe : i -> i + 1, where);
                        }
                        assertEquals(steps ? epochs - 1 : 0, browser.findElements(By.className("epoch-line")).size(), where);
                        assertDivergence(cell, where);
                    }
                }
            }
        }
    }

    @Test
    void aDivergedCellSaysSoAndMarksWhere() {
        slide("lr", 1);       // lr 1
        slide("batch", 0);    // B = 4
        WebElement box = browser.findElement(By.id("shuffle"));
        if (!box.isSelected()) {
            box.click();
        }
        browser.findElement(By.id("x-steps")).click();
        JsonNode cell = cell(1.0, 4, true);
        assertTrue(cell.get("diverged").asBoolean(), "the fixture must diverge");
        WebElement note = browser.findElement(By.id("divergence-note"));
        assertTrue(note.isDisplayed());
        int step = cell.at("/engine/diverged/step").asInt();
        assertTrue(note.getText().startsWith("Diverged: the engine\u2019s training loss is " + cell.at("/engine/diverged/value").asText()
                + " from step " + step + " (epoch 1) on"), note.getText());
        assertEquals(String.valueOf(step), browser.findElement(By.id("divergence-engine")).getDomAttribute("data-step"));
        assertEquals(cell.at("/dl4j/diverged/step").asText(),
                browser.findElement(By.id("divergence-dl4j")).getDomAttribute("data-step"));
        // drawn up to the step before, never past it: the band takes over there
        WebElement curve = browser.findElement(By.id("curve-engine-train"));
        assertEquals(String.valueOf(step - 1), curve.getDomAttribute("data-points"));
        assertTrue(text("final-train-engine").equals("NaN/Inf"), text("final-train-engine"));

        slide("lr", 0);       // lr 0.01 trains: no note, no band
        assertFalse(browser.findElement(By.id("divergence-note")).isDisplayed());
        assertTrue(browser.findElements(By.id("divergence-engine")).isEmpty());
    }

    /** Moves a slider to position {@code index} with the keyboard, as a person would. */
    private static void slide(String id, int index) {
        WebElement slider = browser.findElement(By.id(id));
        slider.sendKeys(Keys.HOME);
        for (int i = 0; i < index; i++) {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        assertEquals(String.valueOf(index), slider.getDomProperty("value"));
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static JsonNode cell(double lr, int batch, boolean shuffle) {
        for (JsonNode c : data.get("cells")) {
            if (c.get("learningRate").asDouble() == lr && c.get("batchSize").asInt() == batch && c.get("shuffle").asBoolean() == shuffle) {
                return c;
            }
        }
        throw new AssertionError("no cell " + lr + " " + batch + " " + shuffle);
    }

    /**
     * The path {@code curve-NAME} has one point per number in {@code values} (a null is no point), and its last point
     * is where the chart's scales, read from the svg's data attributes, put the last number.
     */
    private static void assertCurve(WebElement svg, String name, JsonNode values, java.util.function.IntUnaryOperator x,
                                    String where) {
        WebElement path = browser.findElement(By.id("curve-" + name));
        List<double[]> points = new ArrayList<>();
        Matcher m = POINT.matcher(path.getDomAttribute("d"));
        while (m.find()) {
            points.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        int last = -1;
        int numbers = 0;
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).isNull()) {
                numbers++;
                last = i;
            }
        }
        assertEquals(numbers, points.size(), where + " " + name);
        assertEquals(String.valueOf(numbers), path.getDomAttribute("data-points"), where + " " + name);
        if (last < 0) {
            return;
        }
        double left = attr(svg, "left");
        double top = attr(svg, "top");
        double width = attr(svg, "width");
        double height = attr(svg, "height");
        double x0 = attr(svg, "x0");
        double x1 = attr(svg, "x1");
        double y0 = attr(svg, "y0");
        double y1 = attr(svg, "y1");
        double v = values.get(last).asDouble();
        double f = "log".equals(svg.getDomAttribute("data-yscale"))
                ? (Math.log(Math.max(v, y0)) - Math.log(y0)) / (Math.log(y1) - Math.log(y0)) : (v - y0) / (y1 - y0);
        double[] p = points.get(points.size() - 1);
        assertEquals(left + width * (x.applyAsInt(last) - x0) / (x1 - x0), p[0], 0.006, where + " " + name + " x");
        assertEquals(top + height * (1 - Math.min(1, Math.max(0, f))), p[1], 0.006, where + " " + name + " y of " + v);
    }

    private static double attr(WebElement svg, String name) {
        return Double.parseDouble(svg.getDomAttribute("data-" + name));
    }

    private static void assertDivergence(JsonNode cell, String where) {
        boolean diverged = cell.get("diverged").asBoolean();
        assertEquals(diverged, browser.findElement(By.id("divergence-note")).isDisplayed(), where);
        for (String side : new String[] {"engine", "dl4j"}) {
            JsonNode d = cell.get(side).get("diverged");
            List<WebElement> band = browser.findElements(By.id("divergence-" + side));
            assertEquals(d.isNull() ? 0 : 1, band.size(), where + " " + side);
            if (!d.isNull()) {
                assertEquals(d.get("step").asText(), band.get(0).getDomAttribute("data-step"), where);
            }
        }
    }
}
