/*
 * reader.h — reads a web-survey export (Google Forms / Microsoft Forms CSV,
 * UTF-8 with or without BOM, or CP932 as Excel saves it) into a dataset
 * (docs/reading.md).
 *
 * Pipeline: detect encoding (one streaming pass) → decode in chunks (iconv)
 * → libcsv, fed line by line so every record knows its line → map the header
 * to questionnaire fields → parse each cell into its coded value → drop rows
 * whose every cell is empty → keep the latest response per organisation.
 * The file is streamed: memory follows the coded data, not the file size.
 *
 * Ownership: *out is owned by the caller (nps_dataset_free). The
 * questionnaire is borrowed and must outlive the dataset.
 */
#ifndef NPS_READER_H
#define NPS_READER_H

#include <stdbool.h>
#include "model/dataset.h"

/* nps_read_export, nps_read_export_buffer and their options are public:
 * include/npo-survey/dataset.h declares them. */

#endif
