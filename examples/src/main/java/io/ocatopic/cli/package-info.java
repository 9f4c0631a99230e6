/** The {@code ocatopic} command line: one thin picocli subcommand class per verb. */
package io.ocatopic.cli;
