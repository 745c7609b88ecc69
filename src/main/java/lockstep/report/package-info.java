/**
 * Everything written for people or programs: the HTML reports with their charts, and the JSON documents of
 * {@code compare}, {@code train}, {@code verify}, {@code selftest}, {@code gradcheck} and the benchmarks.
 */
package lockstep.report;
