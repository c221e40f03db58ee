/*
 * report_groups.c - one report per participating organization, for the
 * organization alone: groups/<safe-id>/ with report.html (the
 * participant's report), report.json ("semm-participant/1": its own
 * figures, findings and place among the peers as a distribution),
 * scores.csv and improvements.csv. No file names another organization or
 * gives another's score; peers appear only as quantiles, and only when
 * at least the anonymity threshold of organizations took part.
 *
 * The folder groups/ is written as a whole beside the report set: built
 * under a temporary name, then swapped in for the earlier run's groups/
 * once the report set is in place, so that the folder never holds group
 * reports of another run. groups/index.csv lists which folder is whose
 * (it is for the organizer, who sends each participant its folder).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report_html.h"

#define GROUPS_DIR "groups"
#define GROUPS_MARK ".semm-groups" /* marks a groups/ folder as semm's */
#define SAFE_MAX 64

/* ---- safe folder names ---------------------------------------------------- */

/* A folder name for id: ASCII letters and digits lower-cased, everything
 * else one '-', at most SAFE_MAX bytes, "group" when nothing is left. */
static void safe_name(const char *id, char *out)
{
	size_t n = 0;
	const unsigned char *s = (const unsigned char *)id;

	for (; *s && n < SAFE_MAX; s++) {
		unsigned char c = *s;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[n++] = (char)c;
		else if (c >= 'A' && c <= 'Z')
			out[n++] = (char)(c - 'A' + 'a');
		else if (n > 0 && out[n - 1] != '-')
			out[n++] = '-';
	}
	while (n > 0 && out[n - 1] == '-')
		n--;
	if (n == 0) {
		memcpy(out, "group", 6);
		return;
	}
	out[n] = '\0';
}

/* The folder names of every group, unique ("name", "name-2", ...). */
static char **folder_names(const semm_result *res)
{
	char **names =
		calloc(res->n_groups ? res->n_groups : 1, sizeof(char *));
	size_t g, k;

	if (!names)
		return NULL;
	for (g = 0; g < res->n_groups; g++) {
		char base[SAFE_MAX + 1], name[SAFE_MAX + 24];
		unsigned long extra = 1;
		int taken;

		safe_name(res->groups[g].id, base);
		snprintf(name, sizeof(name), "%s", base);
		do {
			taken = 0;
			for (k = 0; k < g && !taken; k++)
				taken = strcmp(names[k], name) == 0;
			if (taken)
				snprintf(name, sizeof(name), "%s-%lu", base,
					 ++extra);
		} while (taken);
		names[g] = strdup(name);
		if (!names[g]) {
			while (g-- > 0)
				free(names[g]);
			free(names);
			return NULL;
		}
	}
	return names;
}

static void free_names(char **names, size_t n)
{
	size_t g;

	for (g = 0; names && g < n; g++)
		free(names[g]);
	free(names);
}

/* ---- the participant's report.json ---------------------------------------- */

static void unit_json(semm__jw *w, const semm_result *res, const char *key,
		      const char *id, const char *name, const semm__unit *u,
		      int element)
{
	semm__jw_open(w, key, '{');
	if (id)
		semm__jw_string(w, "id", id);
	if (name)
		semm__jw_string(w, "name", name);
	semm__jw_size(w, "n", u->d.n);
	semm__jw_number(w, "mean", u->d.mean);
	semm__jw_number(w, "sd", u->d.sd);
	semm__write_pair(w, "ci95", u->d.ci95_lo, u->d.ci95_hi);
	semm__jw_number(w, "percent", u->percent);
	if (u->level >= 0)
		semm__jw_size(w, "level",
			      (size_t)res->model->bands[u->level].level);
	else
		semm__jw_null(w, "level");
	if (element) {
		semm__jw_number(w, "target", u->target);
		semm__jw_number(w, "gap", u->gap);
	}
}

static void peers_json(semm__jw *w, const html *h, size_t g, size_t e)
{
	html_peer p;
	size_t k;

	semm__html_peer(h, g, e, &p);
	semm__jw_open(w, "peers", '{');
	semm__jw_size(w, "organizations", p.n);
	if (p.rank) {
		semm__jw_size(w, "rank", p.rank);
		semm__jw_number(w, "percentile", p.percentile);
	} else {
		semm__jw_null(w, "rank");
		semm__jw_null(w, "percentile");
	}
	semm__jw_open(w, "quantiles", '[');
	for (k = 0; k < 5 && p.n >= 2; k++)
		semm__jw_number(w, NULL, p.q[k]);
	semm__jw_close(w, ']');
	semm__jw_close(w, '}');
}

/* The participant's report.json: format "semm-participant/1". */
static int write_participant_json(const html *h, size_t g, FILE *fp)
{
	const semm_result *res = h->res;
	const semm_model *m = res->model;
	const semm__group *gr = &res->groups[g];
	size_t min = semm__html_min_peers(h), i, first, end;
	int peers = res->n_groups >= 2 && res->n_groups >= min;
	semm__jw *w = calloc(1, sizeof(*w));
	char msg[SEMM_ERROR_MESSAGE_MAX];
	int failed;

	if (!w)
		return SEMM_ENOMEM;
	w->fp = fp;
	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "format", "semm-participant/1");
	semm__jw_open(w, "engine", '{');
	semm__jw_string(w, "name", "semm");
	semm__jw_string(w, "version", SEMM_VERSION_STRING);
	semm__jw_close(w, '}');
	semm__jw_open(w, "model", '{');
	semm__jw_string(w, "id", m->id);
	semm__jw_string(w, "version", m->version);
	semm__jw_string(w, "title", m->title);
	semm__jw_close(w, '}');
	semm__jw_open(w, "questionnaire", '{');
	semm__jw_string(w, "id", res->q->id);
	semm__jw_string(w, "version", res->q->version);
	semm__jw_close(w, '}');
	if (h->o) {
		semm__jw_string(w, "title", h->o->title);
		semm__jw_string(w, "client", h->o->client);
		semm__jw_string(w, "assessor", h->o->assessor);
	}
	semm__jw_string(w, "organization", gr->id);
	semm__jw_size(w, "respondents", gr->n);
	unit_json(w, res, "overall", NULL, NULL, &gr->overall, 0);
	semm__jw_close(w, '}');
	if (gr->staged >= 0)
		semm__jw_size(w, "staged_level",
			      (size_t)m->bands[gr->staged].level);
	else
		semm__jw_null(w, "staged_level");
	semm__jw_open(w, "dimensions", '[');
	for (i = 0; i < m->n_dims; i++) {
		unit_json(w, res, NULL, m->dims[i].id, m->dims[i].name,
			  &gr->dims[i], 0);
		semm__jw_number(w, "alpha", gr->rel_dims[i].a.alpha);
		semm__jw_number(w, "rwg_j", gr->agr_dims[i].r.rwg_j);
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
	semm__jw_open(w, "elements", '[');
	for (i = 0; i < m->n_elems; i++) {
		unit_json(w, res, NULL, m->elems[i].id, m->elems[i].name,
			  &gr->elems[i], 1);
		semm__jw_number(w, "alpha", gr->rel_elems[i].a.alpha);
		semm__jw_number(w, "rwg_j", gr->agr_elems[i].r.rwg_j);
		if (peers)
			peers_json(w, h, g, i);
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
	semm__jw_open(w, "peers", '{');
	semm__jw_size(w, "organizations", res->n_groups);
	semm__jw_size(w, "anonymity_threshold", min);
	semm__jw_bool(w, "shown", peers);
	semm__jw_close(w, '}');
	semm__group_findings(res, g, &first, &end);
	semm__jw_open(w, "findings", '[');
	for (i = first; i < end; i++) {
		const semm_finding *f = semm_result_finding(res, i);

		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "kind", semm_finding_kind_name(f->kind));
		semm__jw_bool(w, "warning", f->warning);
		semm__jw_string(w, "message",
				semm_finding_message(res, f, msg, sizeof(msg)));
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
	semm__jw_close(w, '}');
	failed = w->failed;
	free(w);
	return failed || ferror(fp) ? SEMM_EIO : SEMM_OK;
}

/* ---- one group's folder ---------------------------------------------------- */

typedef int (*group_writer)(const html *h, size_t g, FILE *fp);

static int group_html(const html *h, size_t g, FILE *fp)
{
	html page = *h;
	semm_error err;

	return semm__html_page(&page, fp, (long)g, &err);
}

static int group_scores(const html *h, size_t g, FILE *fp)
{
	semm__tab t;

	semm__tab_init_csv(&t, fp);
	semm__tab_scores_of(&t, h->res, (long)g);
	return semm__tab_finish(&t);
}

static int group_improvements(const html *h, size_t g, FILE *fp)
{
	semm__tab t;

	semm__tab_init_csv(&t, fp);
	semm__tab_improvements_of(&t, h->res, (long)g);
	return semm__tab_finish(&t);
}

static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = malloc(la + lb + 2);

	if (p) {
		memcpy(p, a, la);
		p[la] = '/';
		memcpy(p + la + 1, b, lb + 1);
	}
	return p;
}

static int write_file(const char *dir, const char *name, group_writer fn,
		      const html *h, size_t g, semm_error *err)
{
	char *path = join(dir, name);
	FILE *fp;
	int rc;

	if (!path)
		return semm__fail(err, SEMM_ENOMEM, dir, 0, 0, "out of memory");
	fp = fopen(path, "w");
	if (!fp) {
		rc = errno == ENOMEM
			     ? semm__fail(
				       err, SEMM_ENOMEM, path, 0, 0,
				       "out of memory while opening the file")
			     : semm__fail(err, SEMM_EIO, path, 0, 0,
					  "cannot write: %s", strerror(errno));
		free(path);
		return rc;
	}
	rc = fn(h, g, fp);
	if (fclose(fp) != 0 && rc == SEMM_OK)
		rc = SEMM_EIO;
	if (rc == SEMM_ENOMEM)
		rc = semm__fail(err, rc, path, 0, 0,
				"out of memory while writing the file");
	else if (rc != SEMM_OK)
		rc = semm__fail(err, rc, path, 0, 0, "cannot write the file");
	free(path);
	return rc;
}

/* Removes a folder tree semm wrote: files and folders only, no links
 * followed. Best effort. */
static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (d) {
		for (e = readdir(d); e != NULL; e = readdir(d)) {
			char *sub;
			struct stat st;

			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			sub = join(path, e->d_name);
			if (!sub)
				continue;
			if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
				remove_tree(sub);
			else
				unlink(sub);
			free(sub);
		}
		closedir(d);
	}
	rmdir(path);
}

/* Why a file of the tree could not be opened: no path (out of memory),
 * or fopen's errno, which may be ENOMEM too. */
static int open_failed(semm_error *err, const char *tmp, const char *path,
		       const char *name)
{
	if (!path || errno == ENOMEM)
		return semm__fail(err, SEMM_ENOMEM, tmp, 0, 0,
				  "out of memory while writing %s", name);
	return semm__fail(err, SEMM_EIO, tmp, 0, 0, "cannot write %s: %s", name,
			  strerror(errno));
}

/* Whether dir/groups exists and is semm's (it has the mark). */
static int ours(const char *groups)
{
	char *mark = join(groups, GROUPS_MARK);
	struct stat st;
	int yes;

	if (!mark)
		return 0;
	yes = stat(mark, &st) == 0;
	free(mark);
	return yes;
}

/* Builds the whole groups tree under tmp. */
static int build_tree(const html *h, const char *tmp, semm_error *err)
{
	static const struct {
		const char *name;
		group_writer fn;
	} files[] = { { "report.html", group_html },
		      { "report.json", NULL },
		      { "scores.csv", group_scores },
		      { "improvements.csv", group_improvements } };
	const semm_result *res = h->res;
	char **names = folder_names(res);
	char *path = NULL;
	FILE *fp;
	size_t g, k;
	int rc = SEMM_OK;

	if (!names)
		return semm__fail(err, SEMM_ENOMEM, tmp, 0, 0, "out of memory");
	if (mkdir(tmp, 0777) != 0) {
		rc = semm__fail(err, SEMM_EIO, tmp, 0, 0,
				"cannot make the folder: %s", strerror(errno));
		goto done;
	}
	for (g = 0; g < res->n_groups && rc == SEMM_OK; g++) {
		path = join(tmp, names[g]);
		if (!path || mkdir(path, 0777) != 0) {
			rc = path ? semm__fail(err, SEMM_EIO, tmp, 0, 0,
					       "cannot make %s: %s", names[g],
					       strerror(errno))
				  : semm__fail(err, SEMM_ENOMEM, tmp, 0, 0,
					       "out of memory");
			break;
		}
		for (k = 0;
		     k < sizeof(files) / sizeof(files[0]) && rc == SEMM_OK; k++)
			rc = write_file(path, files[k].name,
					files[k].fn ? files[k].fn
						    : write_participant_json,
					h, g, err);
		free(path);
		path = NULL;
	}
	/* the organizer's index and the mark */
	if (rc == SEMM_OK) {
		path = join(tmp, "index.csv");
		fp = path ? fopen(path, "w") : NULL;
		if (!fp) {
			rc = open_failed(err, tmp, path, "index.csv");
		} else {
			fputs("organization,folder\n", fp);
			for (g = 0; g < res->n_groups; g++) {
				semm__csv_text(fp, res->groups[g].id);
				fputc(',', fp);
				semm__csv_text(fp, names[g]);
				fputc('\n', fp);
			}
			if (fclose(fp) != 0)
				rc = semm__fail(err, SEMM_EIO, path, 0, 0,
						"cannot write the file");
		}
		free(path);
		path = NULL;
	}
	if (rc == SEMM_OK) {
		path = join(tmp, GROUPS_MARK);
		fp = path ? fopen(path, "w") : NULL;
		if (!fp)
			rc = open_failed(err, tmp, path, GROUPS_MARK);
		else if (fclose(fp) != 0)
			rc = semm__fail(err, SEMM_EIO, tmp, 0, 0,
					"cannot write " GROUPS_MARK);
		free(path);
		path = NULL;
	}
done:
	free(path);
	free_names(names, res->n_groups);
	return rc;
}

int semm__report_groups_prepare(semm__groups_plan *p, const semm_result *res,
				const char *dir, const semm_report_options *o,
				semm_error *err)
{
	html_store store;
	char tmp_name[64], old_name[64];
	html h;
	int rc = SEMM_OK;
	struct stat st;

	memset(p, 0, sizeof(*p));
	snprintf(tmp_name, sizeof(tmp_name), ".groups.%ld", (long)getpid());
	snprintf(old_name, sizeof(old_name), ".groups.old.%ld", (long)getpid());
	p->groups = join(dir, GROUPS_DIR);
	p->tmp = join(dir, tmp_name);
	p->old = join(dir, old_name);
	if (!p->groups || !p->tmp || !p->old)
		return semm__fail(err, SEMM_ENOMEM, dir, 0, 0, "out of memory");
	if (!o || !o->per_group) {
		/* no reports per organization this run: an earlier run's
		 * are not left beside this run's reports (a folder of that
		 * name that semm did not write is left alone) */
		p->stale = lstat(p->groups, &st) == 0 && ours(p->groups);
		return SEMM_OK;
	}
	if (lstat(p->groups, &st) == 0 && !ours(p->groups))
		return semm__fail(err, SEMM_EIO, p->groups, 0, 0,
				  "a folder \"groups\" that semm did not write "
				  "is in the way of the reports per "
				  "organization; move it away");
	rc = semm__html_open(&h, &store, res, o, err);
	if (rc != SEMM_OK)
		return rc;
	remove_tree(p->tmp); /* a crashed run of the same pid */
	rc = build_tree(&h, p->tmp, err);
	semm__html_close(&store);
	if (rc != SEMM_OK) {
		remove_tree(p->tmp);
		return rc;
	}
	p->built = 1;
	return SEMM_OK;
}

int semm__report_groups_place(semm__groups_plan *p, semm_error *err)
{
	struct stat st;
	int rc = SEMM_OK;

	if (p->stale) {
		/* aside first (no allocation), then removed: best effort */
		if (rename(p->groups, p->old) == 0)
			remove_tree(p->old);
		p->stale = 0;
	}
	if (!p->built)
		return SEMM_OK;
	if (lstat(p->groups, &st) == 0 && rename(p->groups, p->old) != 0)
		return semm__fail(err, SEMM_EIO, p->groups, 0, 0,
				  "cannot move the earlier reports aside: %s",
				  strerror(errno));
	if (rename(p->tmp, p->groups) != 0)
		rc = semm__fail(err, SEMM_EIO, p->groups, 0, 0,
				"cannot put the reports in place: %s",
				strerror(errno));
	else
		p->built = 0;
	remove_tree(p->old);
	return rc;
}

void semm__report_groups_free(semm__groups_plan *p)
{
	if (p->built && p->tmp)
		remove_tree(p->tmp);
	free(p->groups);
	free(p->tmp);
	free(p->old);
	memset(p, 0, sizeof(*p));
}

int semm__report_groups_check(const char *dir, semm_error *err)
{
	char *groups = join(dir, GROUPS_DIR);
	struct stat st;
	int rc = SEMM_OK;

	if (!groups)
		return semm__fail(err, SEMM_ENOMEM, dir, 0, 0, "out of memory");
	if (lstat(groups, &st) == 0 && !ours(groups))
		rc = semm__fail(err, SEMM_EIO, groups, 0, 0,
				"a folder \"groups\" that semm did not write "
				"is in the way of the reports per "
				"organization; move it away");
	free(groups);
	return rc;
}
