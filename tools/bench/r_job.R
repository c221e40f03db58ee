#!/usr/bin/env Rscript
# The benchmark's scoring job in base R, for comparison with semm.
#
# Usage: Rscript r_job.R QUESTIONNAIRE.json RESPONSES.csv OUT.csv
#
# The same job as pandas_job.py (see there for the full description):
# reverse-code, map answers to percent of the scale, average per element
# and respondent (N/A, don't-know codes and blanks are missing), average per
# organization, then percentile rank among all organizations and within the
# sector ((below + 0.5 * equal) / n * 100), z-score (sample sd) and rank
# (1 = highest, ties share the best rank; means rounded to tie_decimals
# decimals for the comparison). One row per organization, sorted by id,
# numbers with six decimals.
#
# Only base R is used (r-base-core), so the questionnaire is read with the
# small JSON reader below rather than a CRAN package.

sector_column <- "sector"
digits <- 6L
# Ranks compare overall means rounded to this many decimals, so that ties do
# not depend on the order in which a library happens to add numbers up.
tie_decimals <- 9L

# ---------------------------------------------------------------- JSON
# A minimal JSON reader, enough for a questionnaire file: objects become
# named lists, arrays unnamed lists, literals and numbers R scalars. It
# trusts its input to be well-formed JSON (semm validates the file).

json_unescape <- function(s) {
  if (!grepl("\\", s, fixed = TRUE)) {
    return(s)
  }
  m <- gregexpr("\\\\(u[0-9a-fA-F]{4}|.)", s, perl = TRUE)
  decoded <- vapply(regmatches(s, m)[[1]], function(e) {
    c <- substr(e, 2L, 2L)
    if (c == "u") {
      return(intToUtf8(strtoi(substr(e, 3L, 6L), 16L)))
    }
    switch(c, n = "\n", t = "\t", r = "\r", b = "\b", f = "\f", c)
  }, "")
  regmatches(s, m) <- list(decoded)
  s
}

json_read <- function(path) {
  text <- paste(readLines(path, encoding = "UTF-8", warn = FALSE),
                collapse = "\n")
  pattern <- paste0('"(?:[^"\\\\]|\\\\.)*"|-?[0-9][0-9.eE+-]*',
                    "|true|false|null|[][{}:,]")
  tokens <- regmatches(text, gregexpr(pattern, text, perl = TRUE))[[1]]
  pos <- 1L
  take <- function() {
    pos <<- pos + 1L
    tokens[pos - 1L]
  }
  value <- function() {
    tok <- take()
    if (tok == "{" || tok == "[") {
      object <- tok == "{"
      close <- if (object) "}" else "]"
      out <- list()
      if (tokens[pos] == close) {
        take()
        return(out)
      }
      repeat {
        if (object) {
          key <- take()
          key <- json_unescape(substr(key, 2L, nchar(key) - 1L))
          take() # the colon
          out[key] <- list(value())
        } else {
          out[length(out) + 1L] <- list(value())
        }
        if (take() == close) {
          return(out)
        }
      }
    }
    if (startsWith(tok, "\"")) {
      return(json_unescape(substr(tok, 2L, nchar(tok) - 1L)))
    }
    switch(tok, true = TRUE, false = FALSE, null = NULL, as.numeric(tok))
  }
  value()
}

# ------------------------------------------------------------- the job

load_questionnaire <- function(path) {
  q <- json_read(path)
  scales <- setNames(q$scales, vapply(q$scales, function(s) s$id, ""))
  items <- q$items
  missing <- c("", unlist(lapply(q$scales, function(s) c(s$na, s$dont_know))))
  list(
    id = vapply(items, function(i) i$id, ""),
    element = vapply(items, function(i) i$element, ""),
    min = vapply(items, function(i) scales[[i$scale]]$min, 0),
    max = vapply(items, function(i) scales[[i$scale]]$max, 0),
    reverse = vapply(items, function(i) isTRUE(i$reverse), FALSE),
    missing = unique(missing),
    organization = q$metadata$organization$column
  )
}

# (count below + 0.5 * count equal) / n * 100, over the non-missing values.
percentile_rank <- function(v) {
  known <- sort(v[!is.na(v)])
  below <- findInterval(v, known, left.open = TRUE)
  upto <- findInterval(v, known)
  out <- (below + 0.5 * (upto - below)) / length(known) * 100
  out[is.na(v)] <- NA
  out
}

respondent_scores <- function(frame, q) {
  x <- as.matrix(frame[q$id])
  storage.mode(x) <- "double"
  flip <- which(q$reverse)
  x[, flip] <- sweep(-x[, flip, drop = FALSE], 2L,
                     q$min[flip] + q$max[flip], "+")
  pct <- sweep(sweep(x, 2L, q$min, "-"), 2L, (q$max - q$min) / 100, "/")
  elements <- unique(q$element)
  scores <- sapply(elements, function(e) {
    rowMeans(pct[, q$element == e, drop = FALSE], na.rm = TRUE)
  })
  scores <- matrix(scores, ncol = length(elements),
                   dimnames = list(NULL, elements))
  scores[is.nan(scores)] <- NA
  overall <- rowMeans(scores, na.rm = TRUE)
  overall[is.nan(overall)] <- NA
  cbind(scores, overall = overall)
}

organization_table <- function(frame, q) {
  org <- frame[[q$organization]]
  scores <- respondent_scores(frame, q)
  # Group means that skip missing scores: sums over counts, per group.
  answered <- !is.na(scores)
  scores[!answered] <- 0
  means <- rowsum(scores, org) / rowsum(answered * 1, org)
  means[is.nan(means)] <- NA
  ids <- rownames(means)
  table <- data.frame(organization = ids, check.names = FALSE)
  names(table) <- q$organization
  if (sector_column %in% names(frame)) {
    first <- !duplicated(org)
    table[[sector_column]] <- frame[[sector_column]][first][
      match(ids, org[first])]
  }
  table$respondents <- rowsum(rep(1L, length(org)), org)[, 1L]
  table <- cbind(table, as.data.frame(means, check.names = FALSE))
  overall <- table$overall
  tied <- round(overall, tie_decimals)
  table$pct_all <- percentile_rank(tied)
  if (sector_column %in% names(table)) {
    table$pct_sector <- ave(tied, table[[sector_column]],
                            FUN = percentile_rank)
  }
  table$z <- (overall - mean(overall, na.rm = TRUE)) /
    sd(overall, na.rm = TRUE)
  table$rank <- rank(-tied, ties.method = "min", na.last = "keep")
  table[order(ids, method = "radix"), , drop = FALSE]
}

# Quotes a text field only when CSV needs it, as pandas does.
csv_quote <- function(v) {
  needs <- !is.na(v) & grepl("[\",\r\n]", v)
  v[needs] <- paste0('"', gsub('"', '""', v[needs], fixed = TRUE), '"')
  v
}

write_table <- function(table, path) {
  for (col in names(table)) {
    v <- table[[col]]
    if (is.double(v)) {
      table[[col]] <- ifelse(is.na(v), "", sprintf("%.*f", digits, v))
    } else if (is.character(v)) {
      table[[col]] <- csv_quote(v)
    }
  }
  names(table) <- csv_quote(names(table))
  write.csv(table, path, row.names = FALSE, quote = FALSE, na = "")
}

main <- function(args) {
  if (length(args) != 3L) {
    message("usage: Rscript r_job.R QUESTIONNAIRE.json RESPONSES.csv OUT.csv")
    quit(status = 2L)
  }
  q <- load_questionnaire(args[1L])
  header <- names(read.csv(args[2L], nrows = 1L, check.names = FALSE))
  # Read only the columns the job needs; skip the rest with "NULL".
  classes <- rep("NULL", length(header))
  classes[header %in% c(q$organization, sector_column)] <- "character"
  classes[header %in% q$id] <- "numeric"
  frame <- read.csv(args[2L], colClasses = classes, na.strings = q$missing,
                    check.names = FALSE)
  write_table(organization_table(frame, q), args[3L])
}

main(commandArgs(trailingOnly = TRUE))
