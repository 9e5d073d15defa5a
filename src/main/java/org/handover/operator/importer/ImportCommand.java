package org.handover.operator.importer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line {@code java -jar handover.jar import --accounts FILE --services FILE
 * [--dry-run]}: runs only when the first argument is {@code import}, shows its progress on large
 * files (on the error stream), prints the result or every bad row, and ends the process with 0 on
 * success and 1 otherwise. Other starts ignore it. Spring properties ({@code
 * --spring.datasource.url=…}) may follow.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ImportCommand implements ApplicationRunner {

  static final String USAGE =
      "usage: java -jar handover.jar import [--accounts FILE] [--services FILE] [--dry-run]";

  private final BulkImport importer;
  private final JsonMapper json;
  private final ConfigurableApplicationContext context;

  ImportCommand(BulkImport importer, JsonMapper json, ConfigurableApplicationContext context) {
    this.importer = importer;
    this.json = json;
    this.context = context;
  }

  @Override
  public void run(ApplicationArguments args) {
    String[] raw = args.getSourceArgs();
    if (raw.length == 0 || !raw[0].equals("import")) {
      return;
    }
    int code = execute(raw, System.out, System.err);
    System.exit(SpringApplication.exit(context, () -> code));
  }

  /** Runs {@code import …} and returns the exit code; prints to the given streams. */
  int execute(String[] args, PrintStream out, PrintStream err) {
    Path accounts = null;
    Path services = null;
    boolean dryRun = false;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      String option = value == null ? arg : arg.substring(0, arg.indexOf('='));
      if (value != null && option.startsWith("--") && option.contains(".")) {
        continue; // a Spring property such as --spring.datasource.url=…, read by Spring Boot
      } else if (option.equals("--dry-run") && value == null) {
        dryRun = true;
      } else if (option.equals("--accounts") || option.equals("--services")) {
        if (value == null) {
          if (i + 1 >= args.length) {
            return usage(err, option + " needs a file");
          }
          value = args[++i];
        }
        if (option.equals("--accounts")) {
          accounts = Path.of(value);
        } else {
          services = Path.of(value);
        }
      } else {
        return usage(err, "unknown argument " + arg);
      }
    }
    if (accounts == null && services == null) {
      return usage(err, "give --accounts, --services or both");
    }
    try {
      ImportResult result =
          importer.run(
              file(accounts),
              file(services),
              dryRun,
              Actor.operator(operator(), null),
              new ImportCommandProgress(err, System::nanoTime));
      out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      return 0;
    } catch (InvalidRows e) {
      err.println(e.getMessage());
      for (RowError row : e.listed()) {
        err.println(row.file() + ":" + row.line() + ": " + row.reason());
      }
      return 1;
    } catch (HandoverException e) {
      err.println(e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("cannot read " + e.getMessage());
      return 1;
    }
  }

  private static ImportFile file(Path file) throws IOException {
    return file == null ? null : ImportFile.of(file);
  }

  private static int usage(PrintStream err, String problem) {
    err.println(problem);
    err.println(USAGE);
    return 1;
  }

  /** The audit name of whoever runs the command. */
  private static String operator() {
    String name = "cli:" + System.getProperty("user.name", "unknown");
    return name.length() > 64 ? name.substring(0, 64) : name;
  }
}
