/** Password lengths, the same in the window, the command line and the backend. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;
