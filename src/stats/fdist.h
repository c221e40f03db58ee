/*
 * stats/fdist.h - F quantiles that hold at any degrees of freedom
 * (fdist.c), for the Feldt interval of alpha. Private to the library.
 */
#ifndef SEMM_STATS_FDIST_H
#define SEMM_STATS_FDIST_H

/**
 * The p quantile of the F distribution with df1 and df2 degrees of
 * freedom, for any df1, df2 > 0: GSL's where both are at most 10^5 and
 * GSL gives one, otherwise Newton's method on the incomplete beta
 * (relative error below 2e-13 against 60-digit references from 1 to
 * 10^10 degrees of freedom). NAN for p outside (0, 1) or a degree of
 * freedom that is not finite and positive.
 */
double semm__f_quantile(double p, double df1, double df2);

/** The same by Newton's method alone, for valid arguments (tests). */
double semm__f_quantile_newton(double p, double df1, double df2);

#endif
