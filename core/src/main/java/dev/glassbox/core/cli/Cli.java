package dev.glassbox.core.cli;

import dev.glassbox.core.log.JsonLogging;
import dev.glassbox.core.settings.SettingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Runs an entry point's picocli command the same way everywhere: a mistyped option or argument gets one line saying
 * what is wrong, the usage line and exit code 2; a bad setting gets its message alone and exit code 2; {@code --help}
 * and {@code --version} print and return 0 without running the command.
 */
public final class Cli {
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private Cli() {
    }

    /** Parses {@code args}, runs the command and returns the process exit code. */
    public static int run(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    /**
     * {@code main} of a command that starts a server: keeps the log lines written while it stops, and exits at once
     * unless the command succeeded, when the server's threads keep the process alive.
     */
    public static void serve(Object command, String... args) {
        JsonLogging.keepLogsAtShutdown();
        int code = run(command, args);
        if (code != 0) {
            System.exit(code);
        }
    }

    public static CommandLine commandLine(Object command) {
        CommandLine line = new CommandLine(command);
        line.setParameterExceptionHandler((e, args) -> usageError(e));
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof SettingException) {
                failed.getErr().println(rootName(failed) + ": " + e.getMessage());
                return USAGE;
            }
            if (e instanceof CommandLine.ParameterException wrongArgument) {
                return usageError(wrongArgument); // an argument found wrong only when the command used it
            }
            throw e;
        });
        return line;
    }

    private static int usageError(CommandLine.ParameterException thrown) {
        CommandLine.ParameterException e = unmatchedFirst(thrown);
        CommandLine failed = e.getCommandLine();
        PrintWriter err = failed.getErr();
        err.println(rootName(failed) + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.print(failed.getHelp().fullSynopsis());
        err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more.");
        return USAGE;
    }

    /**
     * picocli checks required options before it complains about unknown ones, so a mistyped required option
     * ("--tabel") would be reported only as missing; the unknown argument is what the user needs to see.
     */
    private static CommandLine.ParameterException unmatchedFirst(CommandLine.ParameterException e) {
        List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
        if (e instanceof CommandLine.MissingParameterException && !unmatched.isEmpty()) {
            return new CommandLine.UnmatchedArgumentException(e.getCommandLine(), unmatched);
        }
        return e;
    }

    private static String rootName(CommandLine line) {
        return line.getCommandSpec().root().name();
    }

    /** {@code --version}: the project's version, written into the jar at build time. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"${ROOT-COMMAND-NAME} " + projectVersion()};
        }

        static String projectVersion() {
            try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
