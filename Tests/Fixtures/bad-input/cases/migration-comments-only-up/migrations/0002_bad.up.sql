-- TODO: write this
/* later */
