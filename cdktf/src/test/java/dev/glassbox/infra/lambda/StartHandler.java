package dev.glassbox.infra.lambda;

import org.crac.Core;

/**
 * What Lambda's Java runtime does at a SnapStart function's init, in a JVM of its own: loads the
 * handler class named by {@code Class::method}, constructs it, then takes and resumes a snapshot,
 * which runs the registered checkpoint hooks (Glassbox's priming) and restore hooks. Needs
 * {@code -Dorg.crac.Core.Compat=dev.glassbox.infra.lambda.snapshot} on a JVM without CRaC.
 * Exits 0 only when all of it succeeds.
 */
public final class StartHandler {

    private StartHandler() {
    }

    public static void main(String[] args) {
        String handlerClass = args[0].split("::")[0];
        try {
            Class.forName(handlerClass).getConstructor().newInstance();
            Core.checkpointRestore();
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
        System.out.println("started and primed: " + handlerClass);
        System.exit(0); // the function's Vert.x threads would keep this JVM alive, as Lambda keeps it frozen
    }
}
