# log: messages added by the log work (one file per area keeps parallel work from colliding).
app-problem-not-a-number = { $label }: введите целое число
app-problem-beyond-log = { $label }: в журнале аудита ещё нет столько записей
app-problem-out-of-range = { $label }: число вне допустимого для запроса диапазона
