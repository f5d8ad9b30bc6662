package org.negotiationtimeline.projection;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * projection-service is cut into vertical slices (negotiations, documents, state, stream, exports)
 * over two shared modules: {@code consuming} (the pipeline that applies the topic to the views) and
 * {@code web} (problems, paging, query parameters). The composition root (this package) wires
 * them. These rules keep it so.
 */
class ArchitectureTest {

    private static final String ROOT = "org.negotiationtimeline.projection";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void the_slices_depend_on_each_other_without_cycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void the_shared_modules_know_no_slice() {
        noClasses().that().resideInAnyPackage(ROOT + ".consuming..", ROOT + ".web..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".negotiations..", ROOT + ".documents..",
                        ROOT + ".state..", ROOT + ".stream..", ROOT + ".exports..")
                .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".consuming..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".web..")
                .because("applying the topic is not an HTTP concern")
                .check(classes);
    }

    /**
     * Slices share only consuming and web, with the reads named here: the state and the stream ask
     * the negotiations slice whether a negotiation exists (404 otherwise), and the exports read its
     * timeline, and the JSON Lines export the documents too.
     */
    @Test
    void a_slice_reaches_into_another_only_where_this_test_says() {
        forbid("negotiations", "documents", "state", "stream", "exports");
        forbid("documents", "negotiations", "state", "stream", "exports");
        forbid("state", "documents", "stream", "exports");
        forbid("stream", "documents", "state", "exports");
        forbid("exports", "state", "stream");
    }

    private static void forbid(String slice, String... others) {
        String[] packages = java.util.Arrays.stream(others).map(o -> ROOT + "." + o + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage(ROOT + "." + slice + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages)
                .check(classes);
    }

    @Test
    void only_the_negotiation_projector_opens_development_forms() {
        noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".negotiations.NegotiationProjector")
                .should().callMethod(ROOT + ".consuming.DevelopmentForms", "opened", ROOT + ".consuming.DevelopmentForms$Form")
                .check(classes);
    }

    @Test
    void only_the_composition_root_builds_the_projector_pipeline() {
        noClasses().that().resideOutsideOfPackage(ROOT)
                .and().doNotHaveSimpleName("NegotiationProjector").and().doNotHaveSimpleName("DocumentProjector")
                .and().doNotHaveSimpleName("StateProjector").and().doNotHaveSimpleName("StreamProjector")
                .should().callConstructorWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.base.DescribedPredicate.describe("a projector",
                                        c -> c.isAssignableTo(ROOT + ".consuming.Projection")))))
                .check(classes);
    }
}
