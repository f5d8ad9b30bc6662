package org.negotiationtimeline.systemtests;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says at the end of the run how many container tests (tag {@code container}) ran and how many
 * were skipped, and why — so that a run without a container engine is visibly a run without them:
 * <pre>[container-tests] 10 container tests ran (10 passed, 0 failed, 0 aborted), 0 skipped</pre>
 * Registered through META-INF/services; .ci/run also checks the failsafe reports.
 */
public class ContainerTestsReport implements TestExecutionListener {

    static final TestTag CONTAINER = TestTag.create("container");

    private TestPlan plan;
    private int passed;
    private int failed;
    private int aborted;
    private int skipped;
    private final Set<String> skipReasons = new LinkedHashSet<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        passed = failed = aborted = skipped = 0;
        skipReasons.clear();
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (!identifier.getTags().contains(CONTAINER)) {
            return;
        }
        long tests = identifier.isTest() ? 1 : plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest).count();
        skipped += (int) tests;
        skipReasons.add(reason);
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (!identifier.isTest() || !identifier.getTags().contains(CONTAINER)) {
            return;
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> passed++;
            case FAILED -> failed++;
            case ABORTED -> aborted++;
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        int ran = passed + failed + aborted;
        if (ran + skipped == 0) {
            return;
        }
        System.out.println("[container-tests] " + ran + " container tests ran (" + passed + " passed, " + failed
                + " failed, " + aborted + " aborted), " + skipped + " skipped"
                + (skipReasons.isEmpty() ? "" : ": " + String.join("; ", skipReasons)));
    }
}
