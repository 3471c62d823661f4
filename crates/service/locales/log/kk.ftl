# log: messages added by the log work (one file per area keeps parallel work from colliding).
app-problem-not-a-number = { $label }: бүтін сан енгізіңіз
app-problem-beyond-log = { $label }: аудит журналында әзірге мұнша жазба жоқ
app-problem-out-of-range = { $label }: сан сұраныс рұқсат ететін аралықтан тыс
