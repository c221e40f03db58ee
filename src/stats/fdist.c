/*
 * fdist.c - quantiles of the F distribution for any degrees of freedom,
 * for the Feldt interval of alpha (stats.c). GSL's inverse F is asked
 * first for moderate degrees of freedom, so its figures stay as they
 * were; where it fails (now and then at any size, mostly past 10^4, and
 * past 10^5 it may not return at all), the quantile is found by Newton's
 * method on a distribution function computed here: the regularized
 * incomplete beta by its continued fraction, times a prefactor written
 * as two deviances around the mean (a saddle-point form) so that nothing
 * cancels at large parameters. Tested against 60-digit references to a
 * relative error below 2e-13 for degrees of freedom from 1 to 10^10.
 */
#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

#include "semm/stats.h"
#include "stats/fdist.h"

/*
 * GSL's inverse F is asked first while both degrees of freedom are at
 * most this, so that the figures it gave stay bit for bit what they
 * were. Where it answers there, it agrees with 60-digit references
 * (tools/feldt_reference.py) to 5e-12 or better; but it also fails now
 * and then (from df1 = 1, df2 = 474 on), and past this it fails more
 * often than not, or does not return at all (df1 = 776000,
 * df2 = 7760000), so it is not asked there.
 */
#define GSL_DF_MAX 1e5

#define TWO_PI 6.28318530717958647692528676655900577

/* Below this argument the Stirling series is not used for lgamma. */
#define STIRLING_MIN 15.0

/* Newton stops once a step in log x is below this (x to ~1 ulp). */
#define NEWTON_TOL (4.0 * DBL_EPSILON)
#define NEWTON_MAX 100

/* The continued fraction stops once a factor is 1 within this. */
#define CF_TOL (0.5 * DBL_EPSILON)
#define CF_TINY 1e-300

/*
 * The continued fraction is not used with its variable above this: near
 * 1 each of its steps 1 + num d cancels (a tiny df against a huge one
 * lost 9 digits), the error growing as DBL_EPSILON / (1 - y). Euler's
 * series for the other tail takes over.
 */
#define CF_Y_MAX 0.999

/*
 * log Gamma(z) - [(z - 1/2) log z - z + log(2 pi)/2], the error of
 * Stirling's formula: by its asymptotic series for large z (the first
 * omitted term is below 1e-17 from STIRLING_MIN), by lgamma below.
 */
static double stirling_error(double z)
{
	double w = 1.0 / (z * z);

	if (z < STIRLING_MIN)
		return gsl_sf_lngamma(z) - (z - 0.5) * log(z) + z -
		       0.5 * log(TWO_PI);
	return (1.0 / 12.0 -
		w * (1.0 / 360.0 -
		     w * (1.0 / 1260.0 - w * (1.0 / 1680.0 - w / 1188.0)))) /
	       z;
}

/*
 * x log(x / m) + m - x for m = x - d, the deviance of m from x. Near
 * x it is summed as d v + 2 x (v^3/3 + v^5/5 + ...), v = d / (2x - d),
 * which keeps full relative precision where the direct form cancels.
 */
static double deviance(double x, double d)
{
	double m = x - d, v, v2, term, sum, next;
	int j;

	if (fabs(d) >= 0.1 * (x + m))
		return x * log(x / m) - d;
	v = d / (x + m);
	v2 = v * v;
	sum = d * v;
	term = 2.0 * x * v;
	for (j = 1; j < 1000; j++) {
		term *= v2;
		next = sum + term / (2 * j + 1);
		if (next == sum)
			break;
		sum = next;
	}
	return sum;
}

/*
 * y^a (1 - y)^b / B(a, b) where a - (a + b) y = dev: Stirling's formula
 * for the three gammas, whose large powers cancel exactly against
 * y^a (1 - y)^b and leave two deviances around the mean, dev for a and
 * -dev for b.
 */
static double beta_kernel(double a, double b, double dev)
{
	double lead = sqrt(a * b / (TWO_PI * (a + b)));
	double err =
		stirling_error(a + b) - stirling_error(a) - stirling_error(b);

	return lead * exp(err - deviance(a, dev) - deviance(b, -dev));
}

/*
 * The continued fraction of I_y(a, b) (without the factor
 * y^a (1-y)^b / (a B(a, b))), by the modified Lentz method; dev is
 * a - (a + b) y, passed in because it is known without cancellation.
 * It converges fast for y below the mean (a + 1)/(a + b + 2), in about
 * sqrt(max(a, b)) steps near it. NAN if it does not converge.
 */
static double beta_cf(double a, double b, double y, double dev)
{
	double c = 1.0, d, f, num, delta;
	long m, cap = 1000 + 20 * (long)sqrt(a + b);

	/* 1 - (a + b) y / (a + 1), which cancels near the mean */
	d = (1.0 + dev) / (a + 1.0);
	d = 1.0 / (fabs(d) < CF_TINY ? CF_TINY : d);
	f = d;
	for (m = 1; m <= cap; m++) {
		/* even step: m (b - m) y / ((a + 2m - 1)(a + 2m)) */
		num = (double)m * (b - (double)m) * y /
		      ((a + 2.0 * (double)m - 1.0) * (a + 2.0 * (double)m));
		d = 1.0 + num * d;
		c = 1.0 + num / c;
		d = 1.0 / (fabs(d) < CF_TINY ? CF_TINY : d);
		c = fabs(c) < CF_TINY ? CF_TINY : c;
		f *= d * c;
		/* odd step: -(a + m)(a + b + m) y / ((a + 2m)(a + 2m + 1)) */
		num = -(a + (double)m) * (a + b + (double)m) * y /
		      ((a + 2.0 * (double)m) * (a + 2.0 * (double)m + 1.0));
		d = 1.0 + num * d;
		c = 1.0 + num / c;
		d = 1.0 / (fabs(d) < CF_TINY ? CF_TINY : d);
		c = fabs(c) < CF_TINY ? CF_TINY : c;
		delta = d * c;
		f *= delta;
		if (fabs(delta - 1.0) <= CF_TOL)
			return f;
	}
	return NAN;
}

/*
 * Euler's series for the same quantity as beta_cf,
 * 2F1(a + b, 1; a + 1; y): the sum of t_0 = 1,
 * t_(n+1) = t_n (a + b + n) y / (a + 1 + n). Its terms are positive, so
 * nothing cancels; it serves past the mean where y is small, the terms
 * falling soon after n = (a + b) y - a. NAN if it does not converge.
 */
static double beta_series(double a, double b, double y)
{
	double term = 1.0, sum = 1.0, n;
	double cap = 1000.0 + 20.0 * sqrt(a + b) + 2.0 * (a + b) * y;

	for (n = 0.0; n < cap; n += 1.0) {
		term *= (a + b + n) * y / (a + 1.0 + n);
		sum += term;
		if (term <= 0.5 * DBL_EPSILON * sum &&
		    (a + b + n) * y < a + 1.0 + n)
			return sum;
	}
	return NAN;
}

/*
 * Both tails of F(df1, df2) at x > 0, and the density of log X there
 * (x times the density of X), which is the kernel y^a (1-y)^b / B(a, b).
 * The tail on the near side of the mean comes from the continued
 * fraction, the other as its complement, so neither is a small
 * difference; where the fraction's variable would be close to 1, the
 * other tail comes from Euler's series instead.
 */
static void f_tails(double x, double df1, double df2, double *lower,
		    double *upper, double *dens_log)
{
	double a = 0.5 * df1, b = 0.5 * df2;
	double y = df1 * x / (df1 * x + df2), y1 = df2 / (df1 * x + df2);
	/* a - (a + b) y with y = u / (1 + u), u = a x / b: no cancellation */
	double dev = a * (1.0 - x) / (1.0 + a * x / b);
	double k = beta_kernel(a, b, dev);

	*dens_log = k;
	if (y < (a + 1.0) / (a + b + 2.0) && y <= CF_Y_MAX) {
		*lower = k / a * beta_cf(a, b, y, dev);
		*upper = 1.0 - *lower;
	} else if (y < (a + 1.0) / (a + b + 2.0)) {
		*upper = k / b * beta_series(b, a, y1);
		*lower = 1.0 - *upper;
	} else if (y1 <= CF_Y_MAX) {
		*upper = k / b * beta_cf(b, a, y1, -dev);
		*lower = 1.0 - *upper;
	} else {
		*lower = k / a * beta_series(a, b, y);
		*upper = 1.0 - *lower;
	}
}

/*
 * The residual of the equation solved in t = log x: increasing in t,
 * taken on the side of the smaller tail.
 */
static double residual(double t, double p, double df1, double df2,
		       double *slope)
{
	double lower, upper;

	f_tails(exp(t), df1, df2, &lower, &upper, slope);
	return p < 0.5 ? lower - p : (1.0 - p) - upper;
}

/*
 * Newton's method in t = log x from the normal approximation of log X
 * (mean 1/df2 - 1/df1, variance 2/df1 + 2/df2), kept inside a bracket
 * that is first widened until the residual changes sign and then
 * bisected whenever a Newton step would leave it. The arguments are
 * the caller's to check.
 */
double semm__f_quantile_newton(double p, double df1, double df2)
{
	double sd = sqrt(2.0 / df1 + 2.0 / df2), t, lo, hi, r, slope, step;
	int i;

	t = 1.0 / df2 - 1.0 / df1 + sd * gsl_cdf_ugaussian_Pinv(p);
	lo = hi = t;
	for (i = 0; i < 64 && residual(lo, p, df1, df2, &slope) > 0.0; i++)
		lo -= ldexp(sd, i);
	for (i = 0; i < 64 && residual(hi, p, df1, df2, &slope) < 0.0; i++)
		hi += ldexp(sd, i);
	for (i = 0; i < NEWTON_MAX; i++) {
		r = residual(t, p, df1, df2, &slope);
		if (!isfinite(r))
			return NAN;
		if (r < 0.0)
			lo = t;
		else
			hi = t;
		step = r / slope;
		if (!isfinite(step) || t - step <= lo || t - step >= hi)
			step = t - 0.5 * (lo + hi);
		t -= step;
		if (fabs(step) <= NEWTON_TOL * fmax(1.0, fabs(t)))
			return exp(t);
	}
	return exp(t);
}

double semm__f_quantile(double p, double df1, double df2)
{
	double q;

	if (!(p > 0.0 && p < 1.0) || !(df1 > 0.0) || !(df2 > 0.0) ||
	    !isfinite(df1) || !isfinite(df2))
		return NAN;
	if (df1 <= GSL_DF_MAX && df2 <= GSL_DF_MAX) {
		q = gsl_cdf_fdist_Pinv(p, df1, df2);
		if (isfinite(q) && q > 0.0)
			return q;
	}
	return semm__f_quantile_newton(p, df1, df2);
}
