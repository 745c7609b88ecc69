/**
 * Files written atomically (a temporary file renamed into place) and I/O errors turned into one-line messages.
 */
package lockstep.io;
