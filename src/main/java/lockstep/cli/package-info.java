/**
 * The command line ({@code ./lockstep}): one picocli command per verb, their shared options, the progress line on
 * a terminal, and the error handler that turns every failure into one line on stderr and an exit code.
 */
package lockstep.cli;
