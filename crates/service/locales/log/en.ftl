# log: messages added by the log work (one file per area keeps parallel work from colliding).
app-problem-not-a-number = { $label }: enter a whole number
app-problem-beyond-log = { $label }: the audit log does not have that many entries yet
app-problem-out-of-range = { $label }: this number is outside the range the request allows
