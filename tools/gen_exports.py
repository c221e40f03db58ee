#!/usr/bin/env python3
"""Writes the real-shaped survey-tool exports of tests/data/exports/real/.

Each file holds the six respondents of tests/data/exports/numeric.csv as
the tool exports them, with everything a real export carries besides the
items: all header rows, the tool's metadata columns, embedded data and
bot-detection fields, other questions of the survey, free text, timing
columns, and the responses the tool marks as not for analysis (previews,
tests, spam, unfinished, never submitted). Scoring each file with its
preset must give exactly numeric.csv's figures, with the others left out
and counted by reason (tests/e2e/exports.sh checks this).

The layouts follow the tools' exports as they are documented and as
public export samples show them:
- qualtrics.csv: today's export, "Use choice text", three header rows
  (export tags, question texts, {"ImportId":...});
- qualtrics-2017.csv: the 2016-2017 export, ImportId row with single
  quotes, ResponseID/ResponseSet/ExternalDataReference, question texts
  "Question-Statement" without spaces, recode values as numbers;
- qualtrics-legacy.csv: the legacy export, a first row V1, V2, ... and a
  second row of names and texts, numeric values, a trailing comma;
- limesurvey.csv: full question-text headings, full answers, five
  responses never submitted, timing columns;
- google-forms.csv and ms-forms.csv: grid/Likert questions, other
  questions and free text.

Run from the repository root: python3 tools/gen_exports.py
"""
import csv
import io
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "exports", "real")
Q = json.load(open(os.path.join(ROOT, "questionnaires",
                                "iso23592-self-assessment.json")))
ITEMS = Q["items"]
LABELS = {l["value"]: l["label"] for l in Q["scales"][0]["labels"]}
MATRIX = "To what extent is each statement true of our organization?"

with open(os.path.join(ROOT, "tests", "data", "exports", "numeric.csv"),
          encoding="utf-8") as f:
    ROWS = list(csv.DictReader(f))


def text(v):
    """A numeric.csv cell as the tool's choice text."""
    return LABELS[int(v)] if v.isdigit() else v


def number(v):
    """A numeric.csv cell as a recode value; the N/A and don't-know
    choices keep their text (their recodes would be off the scale)."""
    return v


def write(name, rows, delimiter=",", bom=True, trailing=False):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n",
                   quoting=csv.QUOTE_ALL if bom else csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow(list(r) + ([""] if trailing else []))
    data = buf.getvalue()
    if trailing:
        data = data.replace('""\r\n', "\r\n").replace(',\r\n', ",\r\n")
    with open(os.path.join(OUT, name), "w", encoding="utf-8",
              newline="") as f:
        f.write(("\ufeff" if bom else "") + data)


def partial(answers, k):
    """The first k answers of a response that stopped part-way."""
    return answers[:k] + [""] * (len(answers) - k)


def qualtrics():
    meta = [("StartDate", "Start Date", "startDate"),
            ("EndDate", "End Date", "endDate"),
            ("Status", "Response Type", "status"),
            ("IPAddress", "IP Address", "ipAddress"),
            ("Progress", "Progress", "progress"),
            ("Duration (in seconds)", "Duration (in seconds)", "duration"),
            ("Finished", "Finished", "finished"),
            ("RecordedDate", "Recorded Date", "recordedDate"),
            ("ResponseId", "Response ID", "_recordId"),
            ("RecipientLastName", "Recipient Last Name",
             "recipientLastName"),
            ("RecipientFirstName", "Recipient First Name",
             "recipientFirstName"),
            ("RecipientEmail", "Recipient Email", "recipientEmail"),
            ("ExternalReference", "External Data Reference",
             "externalDataReference"),
            ("LocationLatitude", "Location Latitude", "locationLatitude"),
            ("LocationLongitude", "Location Longitude",
             "locationLongitude"),
            ("DistributionChannel", "Distribution Channel",
             "distributionChannel"),
            ("UserLanguage", "User Language", "userLanguage"),
            ("Q_RecaptchaScore", "Q_RecaptchaScore", "Q_RecaptchaScore"),
            ("Q_RelevantIDDuplicate", "Q_RelevantIDDuplicate",
             "Q_RelevantIDDuplicate")]
    head1 = [m[0] for m in meta] + ["Q2", "organization"]
    head2 = [m[1] for m in meta] + [
        "How long have you worked here?",
        "Which organization do you work for?"]
    head3 = ['{"ImportId":"%s"}' % m[2] for m in meta] + [
        '{"ImportId":"QID2"}', '{"ImportId":"QID3_TEXT"}']
    for i, it in enumerate(ITEMS, 1):
        head1.append("Q1_%d" % i)
        head2.append("%s - %s" % (MATRIX, it["text"]))
        head3.append('{"ImportId":"QID1_%d"}' % i)
    head1 += ["Q4", "Q5", "wave", "source"]
    head2 += ["Anything else you would like to tell us?",
              "May we contact you about the results?", "wave", "source"]
    head3 += ['{"ImportId":"QID4_TEXT"}', '{"ImportId":"QID5"}',
              '{"ImportId":"wave"}', '{"ImportId":"source"}']
    rows = [head1, head2, head3]

    def row(status, progress, finished, rid, r, answers, note=""):
        return (["2026-03-0%s 09:1%s:00" % (rid[-1], rid[-1]),
                 "2026-03-0%s 09:2%s:00" % (rid[-1], rid[-1]), status,
                 "192.0.2.%s" % rid[-1], progress, "612", finished,
                 "2026-03-0%s 09:2%s:01" % (rid[-1], rid[-1]), rid, "", "",
                 "", "", "47.37", "8.54", "anonymous", "EN", "0.9", ""]
                + ["2 to 5 years", r["organization"]] + answers
                + [note, "Yes", "2026", "newsletter"])

    items = lambda r: [text(r[it["id"]]) for it in ITEMS]
    ids = ["R_1aB2cD3eF4gH5i1", "R_2bC3dE4fG5hI6j2", "R_3cD4eF5gH6iJ7k3",
           "R_4dE5fG6hI7jK8l4", "R_5eF6gH7iJ8kL9m5", "R_6fG7hI8jK9lM0n6"]
    rows.append(row("Survey Preview", "100", "True", "R_0pReViEw0000007",
                    ROWS[0], items(ROWS[1]), "just checking the layout"))
    for k, r in enumerate(ROWS):
        rows.append(row("IP Address", "100", "True", ids[k], r, items(r),
                        "Thank you, see you\nnext year" if k == 2 else ""))
        if k == 1:
            rows.append(row("IP Address", "38", "False",
                            "R_7uNfInIsHeD0008", r,
                            partial(items(r), 19)))
        if k == 3:
            rows.append(row("Survey Test", "100", "True",
                            "R_8tEsT000000009", r, items(ROWS[5])))
            rows.append(row("Spam", "100", "True", "R_9sPaM00000000a",
                            r, items(ROWS[4])))
    rows.append(row("IP Address", "12", "False", "R_AuNfInIsHeD000b",
                    ROWS[5], partial(items(ROWS[5]), 3)))
    write("qualtrics.csv", rows)


def qualtrics_2017():
    head1 = ["ResponseID", "ResponseSet", "IPAddress", "StartDate",
             "EndDate", "RecipientLastName", "RecipientFirstName",
             "RecipientEmail", "ExternalDataReference", "Finished",
             "Status", "organization"]
    head2 = list(head1[:11]) + ["Which organization do you work for?"]
    head3 = ["{'ImportId': '%s'}" % x for x in
             ["responseId", "responseSetId", "ipAddress", "startDate",
              "endDate", "panel-RecipientLastName",
              "panel-RecipientFirstName", "panel-RecipientEmail",
              "panel-ExternalDataReference", "finished", "status",
              "QID3_TEXT"]]
    for i, it in enumerate(ITEMS, 1):
        head1.append("Q1_%d" % i)
        head2.append("%s-%s" % (MATRIX, it["text"]))
        head3.append("{'ImportId': 'QID1_%d'}" % i)
    head1 += ["LocationLatitude", "LocationLongitude", "LocationAccuracy"]
    head2 += head1[-3:]
    head3 += ["{'ImportId': '%s'}" % x for x in
              ["LocationLatitude", "LocationLongitude", "LocationAccuracy"]]
    rows = [head1, head2, head3]
    for k, r in enumerate(ROWS):
        rows.append(["R_%02dlegacy2017" % k, "Default Response Set",
                     "198.51.100.%d" % k, "2017-05-02 10:00:00",
                     "2017-05-02 10:09:00", "", "", "", "", "1", "0",
                     r["organization"]]
                    + [number(r[it["id"]]) for it in ITEMS]
                    + ["47.1", "7.2", "-1"])
    rows.append(["R_99preview2017", "Default Response Set", "", "", "", "",
                 "", "", "", "1", "1", ROWS[0]["organization"]]
                + [number(ROWS[0][it["id"]]) for it in ITEMS]
                + ["", "", "-1"])
    write("qualtrics-2017.csv", rows, bom=False)


def qualtrics_legacy():
    names = ["ResponseID", "ResponseSet", "Name", "ExternalDataReference",
             "EmailAddress", "IPAddress", "Status", "StartDate", "EndDate",
             "Finished"]
    head1 = ["V%d" % i for i in range(1, 11)] + ["organization"]
    head2 = names + ["Which organization do you work for?"]
    for i, it in enumerate(ITEMS, 1):
        head1.append("Q1_%d" % i)
        head2.append("%s-%s" % (MATRIX, it["text"]))
    head1 += ["Q3", "LocationLatitude", "LocationLongitude",
              "LocationAccuracy"]
    head2 += ["Comments", "LocationLatitude", "LocationLongitude",
              "LocationAccuracy"]
    rows = [head1, head2]

    def row(rid, status, finished, r, answers):
        return ([rid, "Default Response Set", "Anonymous", "", "",
                 "203.0.113.7", status, "2015-10-01 08:00:00",
                 "2015-10-01 08:07:00", finished, r["organization"]]
                + answers + ["", "47.115097045898", "7.2315979003906",
                             "-1"])

    nums = lambda r: [number(r[it["id"]]) for it in ITEMS]
    for k, r in enumerate(ROWS):
        rows.append(row("R_%02dlegacyXYZ" % k, "0", "1", r, nums(r)))
    rows.append(row("R_98unfinished", "0", "0", ROWS[2],
                    partial(nums(ROWS[2]), 10)))
    rows.append(row("R_97preview", "1", "1", ROWS[3], nums(ROWS[3])))
    write("qualtrics-legacy.csv", rows, bom=False, trailing=True)


def limesurvey():
    head = ["Response ID", "Date submitted", "Last page", "Start language",
            "Seed", "Date started", "Date last action", "IP address",
            "Referrer URL", "Organization",
            "How many people work in your team?"]
    for it in ITEMS:
        head.append("%s [%s]" % (MATRIX, it["text"]))
    head += ["What should we improve first?", "Total time",
             "Group time: About you", "Question time: team size",
             "Group time: Statements"]
    rows = [head]
    n = 0

    def row(rid, submitted, last, r, answers):
        return ([str(rid), submitted, last, "en", str(1000 + rid),
                 "2026-04-01 10:00:00", "2026-04-01 10:12:00", "",
                 "https://example.invalid/survey", r["organization"],
                 "6-10"] + answers + ["More training", "720.5", "60.1",
                                      "12.0", "610.3"])

    full = lambda r: [text(r[it["id"]]) for it in ITEMS]
    rid = 0
    for k, r in enumerate(ROWS):
        rid += 1
        rows.append(row(rid, "2026-04-01 10:12:00", "3", r, full(r)))
        if k in (0, 2, 3, 4, 5):
            # never submitted: stopped on page 1 or 2
            rid += 1
            n += 1
            rows.append(row(rid, "", "1" if k % 2 else "2", r,
                            partial(full(r), 7 * k)))
    assert n == 5
    write("limesurvey.csv", rows, bom=True)


def google_forms():
    head = ["Timestamp", "Email Address", "Organization",
            "How long have you worked here?"]
    for it in ITEMS:
        head.append("%s [%s]" % (MATRIX, it["text"]))
    head += ["Anything else you would like to tell us?"]
    rows = [head]
    for k, r in enumerate(ROWS):
        rows.append(["2026/05/0%d 9:%02d:11 AM GMT+2" % (k + 1, k * 7),
                     "", r["organization"], "1-2 years"]
                    + [text(r[it["id"]]) for it in ITEMS]
                    + ["" if k != 1 else "Keep up the good work, "
                       "\"really\""])
    write("google-forms.csv", rows, bom=False)


def ms_forms():
    head = ["ID", "Start time", "Completion time", "Email", "Name",
            "Last modified time", "Organization", "Your role"]
    for it in ITEMS:
        head.append(it["text"])
    head += ["Anything else?"]
    rows = [head]
    for k, r in enumerate(ROWS):
        rows.append([str(k + 1), "6/2/26 9:00:01", "6/2/26 9:14:5%d" % k,
                     "anonymous", "", "", r["organization"], "Front desk"]
                    + [text(r[it["id"]]) for it in ITEMS] + [""])
    write("ms-forms.csv", rows, bom=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    qualtrics()
    qualtrics_2017()
    qualtrics_legacy()
    limesurvey()
    google_forms()
    ms_forms()


if __name__ == "__main__":
    main()
