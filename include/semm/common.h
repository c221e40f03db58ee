/*
 * semm/common.h - export macro, error codes and the error record shared by
 * every module of libsemm.
 *
 * Functions that can fail return 0 or a negative SEMM_E* code and, when the
 * caller passes a semm_error, fill it with where and what went wrong. There
 * is no global error state.
 */
#ifndef SEMM_COMMON_H
#define SEMM_COMMON_H

#include <stddef.h>

#if defined(SEMM_BUILDING_LIBRARY) && defined(__GNUC__)
#define SEMM_API __attribute__((visibility("default")))
#else
#define SEMM_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Version of the engine, as written into reports. */
#define SEMM_VERSION_STRING "0.1.0"

/** Return codes. 0 is success; every failure is negative. */
typedef enum semm_code {
	SEMM_OK = 0,
	SEMM_ENOMEM = -1,  /**< an allocation failed */
	SEMM_EIO = -2,	   /**< a file could not be read or written */
	SEMM_EPARSE = -3,  /**< the bytes are not valid JSON or CSV */
	SEMM_ESCHEMA = -4, /**< valid syntax, but not the expected structure */
	SEMM_EINVALID =
		-5, /**< a definition breaks a rule (ids, weights, bands) */
	SEMM_EDATA = -6, /**< a response value or column is wrong */
	SEMM_EARG = -7,	 /**< a caller passed an option out of range */
	SEMM_ELIMIT = -8 /**< an input exceeds a documented limit */
} semm_code;

/** Deepest nesting of arrays and objects accepted in a JSON input. */
#define SEMM_JSON_MAX_DEPTH 64
/** Most items a questionnaire may have. */
#define SEMM_MAX_ITEMS 5000
/** Most dimensions plus elements a model may have. */
#define SEMM_MAX_MODEL_UNITS 1000
/**
 * Largest weight (of an item, element or dimension) accepted; the
 * smallest is DBL_MIN, the smallest normal double. Only the ratios of
 * weights count; within these bounds every weighted sum of a model of
 * SEMM_MAX_ITEMS items stays finite and exact to 1e-9.
 */
#define SEMM_WEIGHT_MAX 1e300

/** Longest message kept in an error record, terminator included. */
#define SEMM_ERROR_MESSAGE_MAX 512
/** Longest source name kept in an error record, terminator included. */
#define SEMM_ERROR_SOURCE_MAX 256

/**
 * Where and what: a caller-owned record filled by the failing function.
 * `line` and `column` are 1-based; 0 means "not known" or "not relevant".
 * For CSV input `column` is the field number; for JSON it is the character
 * column in the line.
 */
typedef struct semm_error {
	int code;
	char message[SEMM_ERROR_MESSAGE_MAX];
	char source[SEMM_ERROR_SOURCE_MAX];
	unsigned long line;
	unsigned long column;
} semm_error;

/**
 * Receives each problem a checking load finds (see semm_model_check and
 * semm_questionnaire_check); the record is only valid during the call.
 */
typedef void (*semm_check_fn)(void *ctx, const semm_error *problem);

/** Resets an error record to "no error". `err` may be NULL. */
SEMM_API void semm_error_clear(semm_error *err);

/**
 * Formats the record as one line, "source:line:column: message" (parts
 * that are unknown are left out), into buf of size len. Returns buf.
 */
SEMM_API const char *semm_error_format(const semm_error *err, char *buf,
				       size_t len);

/**
 * Copies s into out (cap bytes, always terminated) with its control
 * characters escaped, so that text from the input cannot break a message
 * over lines or drive a terminal: \n, \t and \r; \xNN for the other C0
 * controls, DEL and bytes that are not UTF-8; \u0080 to \u009f for the
 * C1 controls. Backslashes are kept, so escaping twice changes nothing.
 * Text that does not fit is cut before a whole character or escape.
 * The library's own messages are already escaped. Returns out.
 */
SEMM_API char *semm_text_escape(const char *s, char *out, size_t cap);

/** A short English name of a return code ("out of memory", ...). */
SEMM_API const char *semm_code_name(int code);

/**
 * Prepares the library for use by a program; call once at start. It
 * switches off GSL's default error handler, which aborts the process: the
 * library checks every GSL status itself.
 */
SEMM_API void semm_init(void);

/**
 * Reads the "format" member of the JSON document in data[0..len-1] (for
 * example "semm-model/1") into out (size outlen). Returns SEMM_OK,
 * SEMM_EPARSE when the data is not JSON, or SEMM_ESCHEMA when it has no
 * "format" string; err says where.
 */
SEMM_API int semm_detect_format(const char *data, size_t len,
				const char *source, char *out, size_t outlen,
				semm_error *err);

#ifdef __cplusplus
}
#endif

#endif
