/**
 * Everything written for people or programs: the console text of {@code compare} and {@code verify}
 * ({@link lockstep.report.ParityReport}, {@link lockstep.report.GoldenReport}), the HTML reports with their charts, and
 * the JSON documents of {@code compare}, {@code train}, {@code verify}, {@code selftest}, {@code gradcheck} and the
 * benchmarks. It sits above what it renders: nothing in the harness, golden data or the engine depends on it.
 */
package lockstep.report;
