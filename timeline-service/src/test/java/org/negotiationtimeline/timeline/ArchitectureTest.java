package org.negotiationtimeline.timeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

/**
 * The domain (package {@code negotiation}, without its {@code api} adapter) decides with Axon's
 * annotations only: no Spring (Axon's {@code @Aggregate} stereotype excepted, see below), Kafka,
 * HTTP, JPA or JSON, and no clock of its own.
 */
class ArchitectureTest {

    private static final String DOMAIN = "org.negotiationtimeline.timeline.negotiation";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.negotiationtimeline.timeline");
    }

    private static com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction domain() {
        return noClasses().that().resideInAPackage(DOMAIN).and().resideOutsideOfPackage(DOMAIN + ".api..");
    }

    @Test
    void the_domain_knows_no_infrastructure() {
        ArchRule rule = domain().should().dependOnClassesThat().resideInAnyPackage(
                "org.springframework..", "org.apache.kafka..", "jakarta.servlet..", "jakarta.persistence..",
                "com.fasterxml.jackson..", "org.hibernate..",
                "org.negotiationtimeline.timeline.publishing..", "org.negotiationtimeline.timeline.web..",
                "org.negotiationtimeline.timeline.kafka..", "org.negotiationtimeline.timeline.eventstore..");
        rule.check(classes);
    }

    /**
     * Axon's Spring module is infrastructure too, with one exception: the {@code @Aggregate}
     * stereotype on {@code Negotiation}. It is metadata only (it registers the aggregate with
     * Axon's Spring configuration and names its cache bean); nothing of Spring reaches a decision,
     * and the aggregate test fixture runs it without Spring. Registering it from a configuration
     * class instead would spread one aggregate's setup over two places for no gain in isolation.
     */
    @Test
    void the_domain_uses_nothing_of_axon_spring_but_the_aggregate_stereotype() {
        ArchRule rule = domain().should().dependOnClassesThat(
                JavaClass.Predicates.resideInAPackage("org.axonframework.spring..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(Aggregate.class))));
        rule.check(classes);
    }

    @Test
    void the_domain_reads_time_only_from_an_injected_clock() {
        ArchRule rule = domain().should().callMethodWhere(
                com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("now")))
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould().callMethod(System.class, "currentTimeMillis");
        rule.check(classes);
    }

    @Test
    void publishing_does_not_reach_into_the_http_layer() {
        noClasses().that().resideInAPackage("org.negotiationtimeline.timeline.publishing..")
                .should().dependOnClassesThat().resideInAnyPackage("..api..", "org.negotiationtimeline.timeline.web..")
                .check(classes);
    }
}
