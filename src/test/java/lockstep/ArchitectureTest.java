package lockstep;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Package rules: only lockstep.dl4j sees DL4J/ND4J/DataVec, and dependencies point one way. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("lockstep");

    @Test
    void onlyTheDl4jPackageImportsDl4jNd4jOrDataVec() {
        noClasses().that().resideOutsideOfPackage("lockstep.dl4j..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..", "org.datavec..")
                .check(MAIN);
    }

    @Test
    void theEngineNeverSeesTheHarnessOrDl4j() {
        noClasses().that().resideInAnyPackage("lockstep.engine..", "lockstep.data..", "lockstep.linalg..", "lockstep.spec..")
                .should().dependOnClassesThat().resideInAnyPackage("lockstep.harness..", "lockstep.comparison..",
                        "lockstep.gradcheck..", "lockstep.dl4j..", "lockstep.cli..", "lockstep.selftest..", "lockstep.golden..")
                .check(MAIN);
    }

    @Test
    void theDl4jSideDoesNotDependOnTheEngineOrHarness() {
        noClasses().that().resideInAPackage("lockstep.dl4j..")
                .should().dependOnClassesThat().resideInAnyPackage("lockstep.engine..", "lockstep.harness..", "lockstep.comparison..",
                        "lockstep.gradcheck..", "lockstep.cli..", "lockstep.golden..")
                .check(MAIN);
    }

    /** The comparison judges numbers it is given: it drives no side, so it sees neither side nor the loop. */
    @Test
    void theComparisonSeesNeitherSideNorTheLoop() {
        noClasses().that().resideInAPackage("lockstep.comparison..")
                .should().dependOnClassesThat().resideInAnyPackage("lockstep.engine..", "lockstep.dl4j..", "lockstep.harness..",
                        "lockstep.gradcheck..", "lockstep.external..", "lockstep.golden..", "lockstep.cli..")
                .check(MAIN);
    }

    /** Gradient checking sits beside the lockstep run, above the sides it builds: the run never needs it. */
    @Test
    void theLockstepRunDoesNotNeedGradientChecking() {
        noClasses().that().resideInAnyPackage("lockstep.harness..", "lockstep.comparison..", "lockstep.engine..", "lockstep.dl4j..")
                .should().dependOnClassesThat().resideInAPackage("lockstep.gradcheck..")
                .check(MAIN);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("lockstep.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** Console, JSON and HTML renderers (*Report, *Text) live in report, which sits above what it renders. */
    @Test
    void reportsLiveInReportAndNothingBelowItSeesThem() {
        classes().that().haveSimpleNameEndingWith("Report").or().haveSimpleNameEndingWith("Text")
                .should().resideInAPackage("lockstep.report").check(MAIN);
        noClasses().that().resideInAnyPackage("lockstep.harness..", "lockstep.comparison..", "lockstep.gradcheck..",
                        "lockstep.golden..", "lockstep.engine..", "lockstep.dl4j..", "lockstep.data..", "lockstep.linalg..",
                        "lockstep.spec..", "lockstep.external..", "lockstep.coverage..")
                .should().dependOnClassesThat().resideInAPackage("lockstep.report..")
                .check(MAIN);
    }
}
