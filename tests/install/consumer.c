/*
 * consumer.c - scores an assessment through libsemm's public API, as a
 * program outside the project would: the example program of docs/API.md
 * (keep the two in sync), built by tests/install against an installed
 * libsemm, once through pkg-config and once through find_package(semm).
 *
 * usage: consumer MODEL.json QUESTIONNAIRE.json RESPONSES [OUTDIR]
 *
 * Loads the model and the questionnaire, binds the one to the other, reads
 * the responses (CSV or JSON), scores them with the default options and
 * prints the counts, the number of groups and the first group's overall
 * score. With OUTDIR (an existing folder) it also writes the reports there,
 * as `semm score -o OUTDIR` does. Exits 0 on success, 1 on any error.
 */
#include <stdio.h>

#include <semm/semm.h>

static void print_error(int rc, const semm_error *err)
{
	char line[SEMM_ERROR_MESSAGE_MAX + SEMM_ERROR_SOURCE_MAX + 64];

	if (err->message[0] == '\0') /* semm_responses_new has no record */
		fprintf(stderr, "consumer: %s\n", semm_code_name(rc));
	else
		fprintf(stderr, "consumer: %s\n",
			semm_error_format(err, line, sizeof(line)));
}

static void print_summary(const semm_result *res)
{
	double percent = 0;
	int level = 0, staged = 0;

	printf("read %zu, scored %zu, rejected %zu\n",
	       semm_result_read_count(res), semm_result_scored_count(res),
	       semm_result_rejected_count(res));
	printf("groups %zu\n", semm_result_group_count(res));
	if (semm_result_group_count(res) == 0)
		return;
	semm_result_group_overall(res, 0, &percent, &level, &staged);
	printf("first group \"%s\": overall %.15g%%, level %d, staged %d\n",
	       semm_result_group_id(res, 0), percent, level, staged);
}

int main(int argc, char **argv)
{
	semm_read_options read_opts = SEMM_READ_OPTIONS_INIT;
	semm_score_options score_opts = SEMM_SCORE_OPTIONS_INIT;
	semm_model *model = NULL;
	semm_questionnaire *q = NULL;
	semm_responses *responses = NULL;
	semm_result *res = NULL;
	semm_error err;
	int rc, status = 1;

	if (argc < 4 || argc > 5) {
		fputs("usage: consumer MODEL.json QUESTIONNAIRE.json RESPONSES "
		      "[OUTDIR]\n",
		      stderr);
		return 2;
	}
	semm_init(); /* once, before any other call: GSL must not abort */
	semm_error_clear(&err);

	/* loading and binding: the model must outlive the questionnaire */
	rc = semm_model_from_file(&model, argv[1], &err);
	if (rc == SEMM_OK)
		rc = semm_questionnaire_from_file(&q, argv[2], &err);
	if (rc == SEMM_OK)
		rc = semm_questionnaire_bind(q, model, &err);
	if (rc < 0)
		goto fail;

	/* reading: a wrong row is rejected (listed), not fatal */
	read_opts.on_error = SEMM_ON_ERROR_REJECT;
	rc = semm_responses_new(&responses, q, &read_opts);
	if (rc < 0)
		goto fail;
	rc = semm_responses_read_path(responses, argv[3], &err);
	if (rc < 0)
		goto fail;

	/* scoring: the result borrows model, q and responses */
	rc = semm_score_run(&res, model, q, responses, &score_opts, &err);
	if (rc < 0)
		goto fail;
	print_summary(res);

	/* writing: all five reports, or none */
	if (argc == 5) {
		rc = semm_report_write_dir(res, argv[4], &err);
		if (rc < 0)
			goto fail;
	}
	status = 0;
	goto done;
fail:
	print_error(rc, &err);
done:
	semm_result_free(res);
	semm_responses_free(responses);
	semm_questionnaire_free(q);
	semm_model_free(model);
	return status;
}
