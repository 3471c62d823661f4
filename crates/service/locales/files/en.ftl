# files: images written anew from their pixels (decision 0024) and the retention of decided cases'
# documents and answers (docs/retention.md); one file per area keeps parallel work from colliding.
err-file-too-many-pixels = The image “{ $name }” has more than { $megapixels } million pixels, more than any document needs (and more than the service decodes, so that a file made to exhaust it cannot). Scan or photograph the document again at a lower resolution, for example 300 dpi, and upload that.
err-file-undecodable = The image “{ $name }” cannot be read: the file is damaged or is not a real JPEG or PNG. Save or scan the document again and upload the new file.
app-docs-images-anew = Photos and scans (JPEG, PNG) are kept as their picture alone: the service writes them anew, without the location, camera details or anything else the file carried.
retention-erased-refused = The documents and answers of this case were deleted on { $date } under the retention policy, once the refusal had been final for the period the policy sets. The case, its decision and its history are kept.
retention-erased-granted = The documents of this case, and the answers the card does not need, were deleted on { $date } under the retention policy. The case, its history, the card and the answers printed on it are kept.
app-event-retention-erase = Documents and answers deleted under the retention policy
