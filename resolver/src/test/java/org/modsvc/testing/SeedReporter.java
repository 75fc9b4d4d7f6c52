package org.modsvc.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * For seeded property tests whose display name is {@code "seed N"}: on any failure (an assertion
 * or an unexpected exception) prints how to replay it with {@code -Dmodsvc.seed=N}.
 */
public final class SeedReporter implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String name = context.getDisplayName();
        if (name.startsWith("seed ")) {
            System.err.println(context.getRequiredTestClass().getSimpleName() + "."
                    + context.getRequiredTestMethod().getName() + " failed with " + name
                    + "; replay with -Dmodsvc.seed=" + name.substring(5).trim());
        }
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {}

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {}
}
