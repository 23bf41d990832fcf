package io.shopsense.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./shopsense <command>}: the command-line contract of DESIGN.md section 4. Exit code 0 on
 * success, 2 on bad usage or bad input with a one-line reason, never a stack trace for user error.
 */
@Command(name = "shopsense", mixinStandardHelpOptions = true, version = "ShopSense 0.1.0",
    description = "Personalized search and recommendation for e-commerce.",
    subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, GenerateCommand.class, ImportCommand.class, StatsCommand.class,
        EvaluateCommand.class, TrainCommand.class, SearchCommand.class, RecommendCommand.class, ServeCommand.class})
public final class ShopSenseCli implements Runnable {
  /** Exit code for bad usage or bad input. */
  public static final int EXIT_BAD_INPUT = 2;

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Builds the command line with error handling that prints one line and exits 2 on user error. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new ShopSenseCli());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof UserError || ex instanceof IllegalArgumentException) {
        cmd.getErr().println("error: " + ex.getMessage());
        return EXIT_BAD_INPUT;
      }
      throw ex;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      ex.getCommandLine().getErr().println("error: " + ex.getMessage());
      ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return EXIT_BAD_INPUT;
    });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
